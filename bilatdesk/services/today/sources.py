"""Today's built-in sections over engagements, commitments, countries and people.

Every query is bounded. Rows are found through an index in the order shown and stop at the
section's limit; the rest are counted from the index alone. When one country is in scope and
the index does not hold the country (a commitment's lies in its engagement, a person's in the
row), at most CANDIDATE_CEILING candidates are read and the count becomes "at least": one
random row read costs 5-15 µs on a laptop, so an unbounded count over thousands of them would
make Today slow on a large database. The statements are built once, with bound parameters:
building them anew took longer than running them.

The yearly dates of countries and heads of mission come from tables of a few hundred rows.
"""

from __future__ import annotations

import builtins
import calendar
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Select, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import BindParameter

from bilatdesk.domain import (
    Commitment,
    CommitmentStatus,
    Country,
    Engagement,
    Membership,
    Organisation,
    Person,
    Post,
    Side,
)
from bilatdesk.domain.enums import MissionClass
from bilatdesk.domain.labels import ENGAGEMENT_KIND_LABELS, engagement_kind_label
from bilatdesk.domain.names import display_name
from bilatdesk.domain.person import person_name
from bilatdesk.domain.text import fold
from bilatdesk.services.today.reminders import (
    Collected,
    RecordRef,
    Reminder,
    ReminderKind,
    ReminderWindow,
    next_occurrence,
    urgency,
)

TITLE_MAX = 300
"""A reminder is one line: a longer title is cut here (the record holds the whole text)."""
CANDIDATE_CEILING = 500
"""Rows read at most to find one country's commitments or birthdays among everyone's."""

_FOLDED_KIND = {str(kind): fold(text) for kind, text in ENGAGEMENT_KIND_LABELS.items()}


def one_line(text: str, limit: int = TITLE_MAX) -> str:
    """The first line of a text, cut to `limit` characters with an ellipsis."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _zone(name: str, fallback: Any) -> Any:
    try:
        return ZoneInfo(name) if name else fallback
    except (ZoneInfoNotFoundError, ValueError):
        return fallback


def _ordered(rows: Sequence[Any], ids: Sequence[int]) -> builtins.list[Any]:
    """Rows fetched by id, back in the order of `ids`."""
    position = {record_id: index for index, record_id in enumerate(ids)}
    return sorted(rows, key=lambda r: position[r.id])


# -- engagements ------------------------------------------------------------------------------
@cache
def _engagement_statements(scoped: bool) -> tuple[Select[Any], Select[Any]]:
    """The first rows and the count of a span; with a country, both through its index."""
    span = and_(Engagement.starts_at >= bindparam("start"), Engagement.starts_at < bindparam("end"))
    if scoped:
        span = and_(span, Engagement.country_id == bindparam("country"))
    rows = (
        select(
            Engagement.id,
            Engagement.title,
            Engagement.kind,
            Engagement.starts_at,
            Engagement.time_zone,
            Engagement.place,
            func.coalesce(Country.name, "").label("country"),
        )
        .outerjoin(Country, Country.id == Engagement.country_id)
        .where(span)
        .order_by(Engagement.starts_at, Engagement.id)
        .limit(bindparam("limit"))
    )
    return rows, select(func.count(Engagement.id)).where(span)


@dataclass(frozen=True)
class UpcomingEngagements:
    """Engagements from the start of today to the end of the seventh day after it."""

    key: str = "engagements"
    heading: str = "Engagements in the next 7 days"
    horizon_days: int = 7

    def collect(self, session: Session, window: ReminderWindow) -> Collected:
        rows, counted = _engagement_statements(window.country_id is not None)
        params = {
            "start": window.start_of(window.today),
            "end": window.start_of(window.last_day + timedelta(days=1)),
            "country": window.country_id,
            "limit": window.limit,
        }
        found = [self._reminder(r, window) for r in session.execute(rows, params)]
        total = len(found)
        if total >= window.limit:
            total = int(session.scalar(counted, params) or 0)
        return Collected(found, total)

    @staticmethod
    def _reminder(r: Any, window: ReminderWindow) -> Reminder:
        when = r.starts_at.astimezone(window.zone).date()
        kind = engagement_kind_label(str(r.kind))
        folded = _FOLDED_KIND.get(str(r.kind), "")
        if folded and fold(r.title[: len(kind) + 4]).startswith(folded):
            kind = ""  # "Working lunch: trade" needs no "Working lunch" beside it
        return Reminder(
            ReminderKind.ENGAGEMENT,
            when,
            one_line(r.title),
            one_line(" · ".join(p for p in (kind, r.place) if p)),
            RecordRef("engagement", r.id),
            r.country,
            urgency(window.days_until(when), 1),
            r.starts_at.astimezone(_zone(r.time_zone, window.zone)),
        )


# -- commitments ------------------------------------------------------------------------------
COMMITMENT_SOON_DAYS = 3


@cache
def _commitment_statements() -> dict[str, Select[Any]]:
    # Open ones by due date through ix_commitment_status_due: the oldest debt comes first.
    due = and_(
        Commitment.status == CommitmentStatus.OPEN,
        Commitment.due_date.is_not(None),
        Commitment.due_date <= bindparam("last_day"),
    )
    order = (Commitment.due_date, Commitment.id)
    owner = aliased(Person)
    return {
        "ids": select(Commitment.id).where(due).order_by(*order).limit(bindparam("limit")),
        "count": select(func.count(Commitment.id)).where(due),
        "candidates": select(Commitment.id, Engagement.country_id)
        .join(Engagement, Engagement.id == Commitment.engagement_id)
        .where(due)
        .order_by(*order)
        .limit(bindparam("ceiling")),
        "rows": select(
            Commitment.id,
            Commitment.description,
            Commitment.due_date,
            Commitment.side,
            Commitment.owner,
            owner.given_name,
            owner.family_name,
            owner.name_original,
            owner.name_order,
            owner.name_shown,
            Engagement.id.label("engagement_id"),
            Engagement.title.label("engagement_title"),
            func.coalesce(Country.name, "").label("country"),
        )
        .join(Engagement, Engagement.id == Commitment.engagement_id)
        .outerjoin(Country, Country.id == Engagement.country_id)
        .outerjoin(owner, owner.id == Commitment.owner_person_id)
        .where(Commitment.id.in_(bindparam("ids", expanding=True))),
    }


@dataclass(frozen=True)
class CommitmentsDue:
    """Open commitments: every overdue one, and those due within the horizon (14 days)."""

    key: str = "commitments"
    heading: str = "Commitments overdue or due within 14 days"
    horizon_days: int = 14

    def collect(self, session: Session, window: ReminderWindow) -> Collected:
        statements = _commitment_statements()
        params = {"last_day": window.last_day, "limit": window.limit}
        everyone = int(session.scalar(statements["count"], params) or 0)
        if window.country_id is None:
            ids = list(session.scalars(statements["ids"], params))
            total, exact = everyone, True
        else:
            # The country is in the engagement: read a bounded number of candidates.
            candidates = session.execute(
                statements["candidates"], {**params, "ceiling": CANDIDATE_CEILING}
            ).all()
            mine = [c.id for c in candidates if c.country_id == window.country_id]
            ids, total, exact = mine[: window.limit], len(mine), len(candidates) == everyone
        if not ids:
            return Collected([], total, exact)
        rows = session.execute(statements["rows"], {"ids": ids}).all()
        found = [self._reminder(r, window) for r in _ordered(rows, ids)]
        return Collected(found, total, exact)

    @staticmethod
    def _reminder(r: Any, window: ReminderWindow) -> Reminder:
        days = window.days_until(r.due_date)
        who = display_name(
            r.given_name or "",
            r.family_name or "",
            r.name_original or "",
            order=r.name_order or None,
            shown=r.name_shown or "",
        )
        owed = "Owed by us" if r.side == Side.OURS else "Owed by them"
        names = ", ".join(n for n in (who, r.owner) if n)
        detail = f"{owed} ({names})" if names else owed
        return Reminder(
            ReminderKind.COMMITMENT_OVERDUE if days < 0 else ReminderKind.COMMITMENT_DUE,
            r.due_date,
            one_line(r.description) or "(no description)",
            one_line(f"{detail} · from: {r.engagement_title}"),
            RecordRef("commitment", r.id),
            r.country,
            urgency(days, COMMITMENT_SOON_DAYS),
            None,
            RecordRef("engagement", r.engagement_id),
        )


# -- national days ----------------------------------------------------------------------------
ANNIVERSARY_SOON_DAYS = 3


@cache
def _national_day_statement(scoped: bool) -> Select[Any]:
    statement = select(
        Country.id, Country.name, Country.national_day_month, Country.national_day_day
    ).where(
        Country.accredited.is_(True),
        Country.national_day_month.is_not(None),
        Country.national_day_day.is_not(None),
    )
    if scoped:
        statement = statement.where(Country.id == bindparam("country"))
    return statement.order_by(Country.sort_name, Country.id)


@dataclass(frozen=True)
class NationalDays:
    """National days of the countries of accreditation coming round within 30 days."""

    key: str = "national_days"
    heading: str = "National days in the next 30 days"
    horizon_days: int = 30

    def collect(self, session: Session, window: ReminderWindow) -> builtins.list[Reminder]:
        statement = _national_day_statement(window.country_id is not None)
        found = []
        for r in session.execute(statement, {"country": window.country_id}):
            when = next_occurrence(window.today, r.national_day_month, r.national_day_day)
            if when is None or when > window.last_day:
                continue
            found.append(
                Reminder(
                    ReminderKind.NATIONAL_DAY,
                    when,
                    f"National day of {r.name}",
                    "Congratulations",
                    RecordRef("country", r.id),
                    r.name,
                    urgency(window.days_until(when), ANNIVERSARY_SOON_DAYS),
                )
            )
        return found


# -- birthdays --------------------------------------------------------------------------------
def mmdd_ranges(window: ReminderWindow) -> list[tuple[int, int]]:
    """The month-and-day keys (MMDD) that fall in the window, as inclusive ranges in the order
    the days come: two ranges when the window crosses the new year."""
    if window.horizon_days >= 365:
        return [(101, 1231)]
    first, last = window.today, window.last_day
    start, end = first.month * 100 + first.day, last.month * 100 + last.day
    if (last.month, last.day) == (2, 28) and not calendar.isleap(last.year):
        end = 229  # the 29th of a leap-year birth falls on this 28 February
    if last.year == first.year:
        return [(start, end)]
    return [(start, 1231), (101, end)]


@cache
def _birthday_statements() -> dict[str, Select[Any]]:
    in_range = Person.birthday.between(bindparam("low"), bindparam("high"))
    order = (Person.birthday, Person.id)
    return {
        "ids": select(Person.id).where(in_range).order_by(*order).limit(bindparam("limit")),
        "count": select(func.count(Person.id)).where(in_range),
        "candidates": select(Person.id, Person.country_id)
        .where(in_range)
        .order_by(*order)
        .limit(bindparam("limit")),
        "rows": select(
            Person.id,
            Person.honorific,
            Person.given_name,
            Person.family_name,
            Person.name_original,
            Person.other_names,
            Person.name_order,
            Person.name_shown,
            Person.birthday,
            Person.birth_date,
            func.coalesce(Country.name, "").label("country"),
        )
        .outerjoin(Country, Country.id == Person.country_id)
        .where(Person.id.in_(bindparam("ids", expanding=True))),
    }


@dataclass(frozen=True)
class Birthdays:
    """Birthdays of people on record within 30 days, through the month-and-day index."""

    key: str = "birthdays"
    heading: str = "Birthdays in the next 30 days"
    horizon_days: int = 30

    def collect(self, session: Session, window: ReminderWindow) -> Collected:
        statements = _birthday_statements()
        ids: builtins.list[int] = []
        total, read, everyone = 0, 0, 0
        for low, high in mmdd_ranges(window):
            span = {"low": low, "high": high}
            in_range = int(session.scalar(statements["count"], span) or 0)
            everyone += in_range
            if window.country_id is None:
                wanted = window.limit - len(ids)
                if wanted > 0:
                    ids += session.scalars(statements["ids"], {**span, "limit": wanted})
                total += in_range
                continue
            # The country is in the row: read a bounded number of candidates.
            room = CANDIDATE_CEILING - read
            if room <= 0:
                continue
            candidates = session.execute(statements["candidates"], {**span, "limit": room}).all()
            read += len(candidates)
            mine = [c.id for c in candidates if c.country_id == window.country_id]
            total += len(mine)
            ids += mine[: max(window.limit - len(ids), 0)]
        if not ids:
            return Collected([], total, read == everyone or window.country_id is None)
        rows = _ordered(session.execute(statements["rows"], {"ids": ids}).all(), ids)
        posts = current_posts(session, ids, window.today)
        found = []
        for r in rows:
            when = next_occurrence(window.today, r.birthday // 100, r.birthday % 100)
            if when is None or when > window.last_day:
                total -= 1  # an impossible key (0231) typed in by hand: not a birthday
                continue
            found.append(self._reminder(r, when, posts.get(r.id, []), window))
        exact = window.country_id is None or read == everyone
        return Collected(found, max(total, len(found)), exact)

    @staticmethod
    def _reminder(r: Any, when: date, posts: list[str], window: ReminderWindow) -> Reminder:
        parts = []
        if r.birth_date is not None and when.year > r.birth_date.year:
            parts.append(f"turns {when.year - r.birth_date.year}")
        parts.extend(posts)
        name = person_name(r)
        return Reminder(
            ReminderKind.BIRTHDAY,
            when,
            one_line(f"{r.honorific} {name}" if r.honorific else name) or "(no name)",
            one_line("; ".join(parts)),
            RecordRef("person", r.id),
            r.country,
            urgency(window.days_until(when), ANNIVERSARY_SOON_DAYS),
        )


@cache
def _posts_statement() -> Select[Any]:
    today: BindParameter[date] = bindparam("today")
    return (
        select(Membership.person_id, Post.title, Membership.acting)
        .join(Post, Post.id == Membership.post_id)
        .where(Membership.person_id.in_(bindparam("ids", expanding=True)))
        .where(or_(Membership.start_date.is_(None), Membership.start_date <= today))
        .where(or_(Membership.end_date.is_(None), Membership.end_date >= today))
        .order_by(Membership.person_id, Membership.start_date, Membership.id)
    )


def current_posts(
    session: Session, ids: Sequence[int], today: date
) -> dict[int, builtins.list[str]]:
    """Titles of the posts each person holds today, derived from dated memberships."""
    posts: dict[int, builtins.list[str]] = defaultdict(builtins.list)
    if ids:
        for person_id, title, acting in session.execute(
            _posts_statement(), {"ids": list(ids), "today": today}
        ):
            posts[person_id].append(f"{title} (acting)" if acting else title)
    return posts


# -- credentials ------------------------------------------------------------------------------
def _years(n: int) -> str:
    return "1 year" if n == 1 else f"{n} years"


@cache
def _credentials_statements(scoped: bool) -> tuple[Select[Any], Select[Any]]:
    ours = select(Country.id, Country.name, Country.credentials_presented_on).where(
        Country.accredited.is_(True), Country.credentials_presented_on.is_not(None)
    )
    # A diplomatic corps is a few hundred people: read the current heads of mission and
    # compute the anniversaries here, the same way on both backends.
    today: BindParameter[date] = bindparam("today")
    mission_country = aliased(Country)
    home = aliased(Country)
    theirs = (
        select(
            Person.id,
            Person.honorific,
            Person.given_name,
            Person.family_name,
            Person.name_original,
            Person.other_names,
            Person.name_order,
            Person.name_shown,
            Membership.credentials_on,
            Post.title,
            Organisation.name.label("organisation"),
            func.coalesce(mission_country.name, home.name, "").label("country"),
        )
        .join(Person, Person.id == Membership.person_id)
        .join(Post, Post.id == Membership.post_id)
        .outerjoin(Organisation, Organisation.id == Post.organisation_id)
        .outerjoin(mission_country, mission_country.id == Organisation.country_id)
        .outerjoin(home, home.id == Person.country_id)
        .where(
            Membership.mission_class != MissionClass.NONE,
            Membership.credentials_on.is_not(None),
            or_(Membership.start_date.is_(None), Membership.start_date <= today),
            or_(Membership.end_date.is_(None), Membership.end_date >= today),
        )
    )
    if scoped:
        country: BindParameter[int] = bindparam("country")
        ours = ours.where(Country.id == country)
        # A mission belongs to the country where it sits; a person without one, to theirs.
        theirs = theirs.where(func.coalesce(Organisation.country_id, Person.country_id) == country)
    return (
        ours.order_by(Country.sort_name, Country.id),
        theirs.order_by(Person.sort_name, Person.id),
    )


@dataclass(frozen=True)
class CredentialsAnniversaries:
    """Years since credentials were presented: ours in each country of accreditation, and
    those of the heads of mission on record who hold their post today."""

    key: str = "credentials"
    heading: str = "Credentials anniversaries in the next 30 days"
    horizon_days: int = 30

    def collect(self, session: Session, window: ReminderWindow) -> builtins.list[Reminder]:
        ours, theirs = _credentials_statements(window.country_id is not None)
        params = {"country": window.country_id, "today": window.today}
        found = []
        for r in session.execute(ours, params):
            on: date = r.credentials_presented_on
            when = next_occurrence(window.today, on.month, on.day)
            if when is None or when > window.last_day or when.year <= on.year:
                continue
            found.append(
                Reminder(
                    ReminderKind.CREDENTIALS_ANNIVERSARY,
                    when,
                    f"Our credentials in {r.name}: {_years(when.year - on.year)}",
                    f"Presented on {on.isoformat()}",
                    RecordRef("country", r.id),
                    r.name,
                    urgency(window.days_until(when), ANNIVERSARY_SOON_DAYS),
                )
            )
        for r in session.execute(theirs, params):
            on = r.credentials_on
            when = next_occurrence(window.today, on.month, on.day)
            if when is None or when > window.last_day or when.year <= on.year:
                continue
            name = person_name(r)
            name = f"{r.honorific} {name}" if r.honorific else name
            post = f"{r.title}, {r.organisation}" if r.organisation else r.title
            found.append(
                Reminder(
                    ReminderKind.CREDENTIALS_ANNIVERSARY,
                    when,
                    one_line(f"{name}: {_years(when.year - on.year)} since credentials"),
                    one_line(f"{post}; presented on {on.isoformat()}"),
                    RecordRef("person", r.id),
                    r.country,
                    urgency(window.days_until(when), ANNIVERSARY_SOON_DAYS),
                )
            )
        return found
