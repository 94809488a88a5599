"""Database-wide settings: whether this is the demo, and the post that writes its cables."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilatdesk.domain import DEMO_KEY, CountryStatus, Setting
from bilatdesk.domain.cable import PRECEDENCES
from bilatdesk.domain.enums import RelationStatus, relation_status_label
from bilatdesk.domain.text import fold
from bilatdesk.services.kernel.errors import ValidationError
from bilatdesk.services.kernel.validation import Checker, column_limit
from bilatdesk.store.database import Database


@dataclass(frozen=True)
class PostSettings:
    """Who "we" are on a cable: FM line, serial prefix and the signature."""

    code: str = "EMB"  # serial prefix, e.g. VIE
    name: str = "Embassy"  # FM line, e.g. "EMBASSY VIENNA"
    head_of_mission: str = ""  # surname signing cables
    capital_desk: str = ""  # usual TO addressee
    state_name: str = "our state"  # our own state, as documents name it
    ministry: str = "Ministry of Foreign Affairs"  # the ministry our documents are issued for
    precedences: tuple[str, ...] = PRECEDENCES  # the national list, lowest first
    relation_statuses: tuple[str, ...] = ()  # beyond the built-in three, e.g. "Suspended"
    drafter_may_approve: bool = False  # a one-person post approves its own cables


_POST_KEYS = {
    "code": "post_code",
    "name": "post_name",
    "head_of_mission": "head_of_mission",
    "capital_desk": "capital_desk",
    "state_name": "state_name",
    "ministry": "ministry_name",
}
_PRECEDENCES_KEY = "precedences"
_RELATION_STATUSES_KEY = "relation_statuses"
_DRAFTER_MAY_APPROVE_KEY = "drafter_may_approve"


def is_demo(db: Database) -> bool:
    with db.read() as session:
        return session.scalar(select(Setting.value).where(Setting.key == DEMO_KEY)) == "1"


def post_settings(db: Database) -> PostSettings:
    with db.read() as session:
        return read_post_settings(session)


def read_post_settings(session: Session) -> PostSettings:
    values = dict(session.execute(select(Setting.key, Setting.value)).tuples().all())
    defaults = PostSettings()
    precedences = tuple(p for p in values.get(_PRECEDENCES_KEY, "").split("\n") if p)
    return PostSettings(
        **{field: values.get(key) or getattr(defaults, field) for field, key in _POST_KEYS.items()},
        precedences=precedences or defaults.precedences,
        relation_statuses=_stored_statuses(values.get(_RELATION_STATUSES_KEY, "")),
        drafter_may_approve=values.get(_DRAFTER_MAY_APPROVE_KEY) == "1",
    )


def _stored_statuses(raw: str) -> tuple[str, ...]:
    """The configured statuses as stored (a JSON list), tolerating an empty or damaged value."""
    try:
        loaded = json.loads(raw) if raw else []
    except (ValueError, RecursionError):
        return ()
    return tuple(s for s in loaded if isinstance(s, str)) if isinstance(loaded, list) else ()


def save_post_settings(db: Database, settings: PostSettings) -> PostSettings:
    check = Checker()
    code = check.text("code", "Post code", settings.code, required=True, max_length=20).upper()
    if code and not code.replace("-", "").isalnum():
        check.fail("code", "The post code is letters and digits, such as VIE.")
    clean = PostSettings(
        code=code,
        name=check.text("name", "Post name", settings.name, required=True, max_length=200),
        head_of_mission=check.text(
            "head_of_mission", "Head of mission", settings.head_of_mission, max_length=100
        ),
        capital_desk=check.text(
            "capital_desk", "Capital desk", settings.capital_desk, max_length=300
        ),
        state_name=check.text(
            "state_name", "Our state", settings.state_name, required=True, max_length=200
        ),
        ministry=check.text("ministry", "Ministry", settings.ministry, max_length=200),
        precedences=_checked_precedences(check, settings.precedences),
        relation_statuses=_checked_statuses(check, settings.relation_statuses),
        drafter_may_approve=settings.drafter_may_approve,
    )
    check.raise_if_any()
    with db.session() as session:
        _refuse_removing_used_statuses(session, clean.relation_statuses)
        for field, key in _POST_KEYS.items():
            row = session.get(Setting, key) or Setting(key=key)
            row.value = getattr(clean, field)
            session.add(row)
        row = session.get(Setting, _PRECEDENCES_KEY) or Setting(key=_PRECEDENCES_KEY)
        row.value = "\n".join(clean.precedences)
        session.add(row)
        row = session.get(Setting, _RELATION_STATUSES_KEY) or Setting(key=_RELATION_STATUSES_KEY)
        row.value = json.dumps(list(clean.relation_statuses), ensure_ascii=False)
        session.add(row)
        row = session.get(Setting, _DRAFTER_MAY_APPROVE_KEY) or Setting(
            key=_DRAFTER_MAY_APPROVE_KEY
        )
        row.value = "1" if clean.drafter_may_approve else "0"
        session.add(row)
    return clean


def _checked_precedences(check: Checker, values: tuple[str, ...]) -> tuple[str, ...]:
    """Upper-case, unique, at most 30 characters each, and at least one."""
    cleaned = tuple(dict.fromkeys(v.strip().upper() for v in values if v.strip()))
    if not cleaned:
        check.fail("precedences", "Give at least one precedence, such as ROUTINE.")
    for value in cleaned:
        if len(value) > 30 or check.text("precedences", "A precedence", value) != value:
            check.fail("precedences", f"'{value[:40]}' is not a usable precedence.")
    return cleaned


def _checked_statuses(check: Checker, values: tuple[str, ...]) -> tuple[str, ...]:
    """Configured relationship statuses: one line each, at most as long as the column, none
    repeated or clashing with a built-in one (compared folded); blank lines are dropped."""
    limit = column_limit(CountryStatus.status)
    builtin = {fold(s.value) for s in RelationStatus} | {
        fold(relation_status_label(s.value)) for s in RelationStatus
    }
    seen: set[str] = set()
    cleaned: list[str] = []
    for raw in values:
        value = check.text("relation_statuses", "A relationship status", raw, max_length=limit)
        if not value:
            continue
        shown = value[:40]
        if "\n" in value or "\r" in value or "\t" in value:
            check.fail("relation_statuses", f"'{shown}' holds a line break; a status is one line.")
        elif fold(value) in builtin:
            check.fail("relation_statuses", f"'{shown}' is already a built-in status.")
        elif fold(value) in seen:
            check.fail("relation_statuses", f"'{shown}' is listed twice; keep one.")
        seen.add(fold(value))
        cleaned.append(value)
    return tuple(cleaned)


def _refuse_removing_used_statuses(session: Session, kept: tuple[str, ...]) -> None:
    """A configured status still on a country's timeline stays: removing it would leave
    entries that no form could show or save again."""
    removed = [s for s in read_post_settings(session).relation_statuses if s not in kept]
    if not removed:
        return
    rows = session.execute(
        select(CountryStatus.status, func.count())
        .where(CountryStatus.status.in_(removed))
        .group_by(CountryStatus.status)
        .order_by(CountryStatus.status)
    ).all()
    if rows:
        status, count = rows[0]
        entries = "entry" if count == 1 else "entries"
        raise ValidationError(
            {
                "relation_statuses": f"'{status}' is used by {count} timeline {entries} of "
                "countries; change those entries first, then remove it."
            }
        )


class SettingsService:
    """The database-wide settings of one database, read and written as the faces need them."""

    def __init__(self, database: Database) -> None:
        self.db = database

    def post(self) -> PostSettings:
        """The post that writes this database's cables, with its vocabularies."""
        return post_settings(self.db)

    def save_post(self, settings: PostSettings) -> PostSettings:
        """Check and store the post's settings in one transaction; what was stored."""
        return save_post_settings(self.db, settings)

    def is_demo(self) -> bool:
        return is_demo(self.db)
