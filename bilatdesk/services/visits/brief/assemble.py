"""The visit brief: every section assembled from the database, rendered, and kept."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    STEERING_PARTS,
    Agreement,
    AgreementStatus,
    ClassificationScheme,
    Commitment,
    CommitmentStatus,
    Engagement,
    Participant,
    Side,
    Visit,
)
from bilatdesk.domain.agreement_rules import GROUPS
from bilatdesk.domain.labels import engagement_kind_label, formality_label
from bilatdesk.domain.marking import Marked, marked, overall_marking
from bilatdesk.domain.precedence import protocol_rank
from bilatdesk.reports.brief.records import (
    AgreementLine,
    AgreementsPart,
    Biography,
    BriefData,
    CallBrief,
    Labelled,
    ProgrammeDay,
    ProgrammeItem,
    Section,
)
from bilatdesk.services.kernel.documents import keep_generated, rendered_with_notices
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.kernel.settings import read_post_settings
from bilatdesk.services.visits.brief.country import key_facts, relations
from bilatdesk.services.visits.brief.people import (
    biography,
    day,
    load_people,
    photo_notices,
)
from bilatdesk.services.visits.service import load_visit, programme
from bilatdesk.store.database import Database

Progress = Callable[[int, int, str], None]
EXPIRING_DAYS = 730  # agreements expiring within 24 months of the visit
STEPS = (
    "Programme",
    "Call briefs",
    "Biographies",
    "Country and relations",
    "Agreements",
    "Laying out the pages",
)


class BriefCancelled(ServiceError):  # noqa: N818 - an outcome the UI expects, not a fault
    """The person cancelled the build; nothing was kept."""

    def __init__(self) -> None:
        super().__init__("The brief was cancelled; nothing was kept.")


@dataclass(frozen=True)
class BuiltBrief:
    """A built brief and its build report: what the person should know and the page does not
    say (a photo too small to print sharply, a character no font draws)."""

    pdf: bytes
    notices: tuple[str, ...] = ()


class BriefService:
    def __init__(self, database: Database, scheme: ClassificationScheme = DEFAULT_SCHEME) -> None:
        self.db = database
        self.scheme = scheme

    def data(
        self,
        visit_id: int,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BriefData:
        def step(index: int) -> None:
            if cancelled is not None and cancelled():
                raise BriefCancelled
            if progress is not None:
                progress(index, len(STEPS), STEPS[index])

        with self.db.read() as session:
            visit = load_visit(session, visit_id)
            builder = _Builder(session, visit, self.scheme)
            step(0)
            days = builder.programme()
            step(1)
            calls = builder.calls()
            step(2)
            bios = builder.biographies()
            step(3)
            facts = key_facts(session, visit, self.scheme)
            relations_now = relations(session, visit, self.scheme)
            step(4)
            agreements = builder.agreements()
            post = read_post_settings(session)
            country = visit.country.name
            dates = _dates(visit.starts_on, visit.ends_on)
            title = self.scheme.level(visit.classification)
            data = BriefData(
                title=f"Visit of {visit.principal} to {country}, {dates}",
                classification="",
                title_mark=title.portion_mark,
                title_classification=title.code,
                version=str(visit.brief_version),
                prepared_by=post.name,
                produced_at=datetime.combine(builder.on, time(0), tzinfo=UTC).isoformat(),
                state=post.state_name,
                ministry=post.ministry,
                principal=visit.principal,
                country=country,
                dates=dates,
                short_title=f"Visit to {country}, {dates}",
                notices=photo_notices(bios),
                steering=builder.steering(),
                programme=days,
                programme_missing=""
                if days
                else "No engagements are recorded in the country during the visit's dates.",
                calls=calls,
                biographies=bios,
                key_facts=facts,
                relations=relations_now,
                agreements=agreements,
                protocol=builder.protocol(),
            )
            # The marking is the highest of exactly what the brief prints, taken from the
            # finished record, so no part can print uncounted.
            marking = overall_marking(self.scheme, data.portions())
            return replace(data, classification=marking.name)

    def build(
        self,
        visit_id: int,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BuiltBrief:
        """The briefing book as PDF bytes, with its build report (cancellable between steps)."""
        from bilatdesk.reports.brief.document import render_brief

        data = self.data(visit_id, progress=progress, cancelled=cancelled)
        if cancelled is not None and cancelled():
            raise BriefCancelled
        if progress is not None:
            progress(len(STEPS) - 1, len(STEPS), STEPS[-1])
        pdf, unprinted = rendered_with_notices(lambda: render_brief(data))
        if cancelled is not None and cancelled():
            raise BriefCancelled
        return BuiltBrief(pdf, data.notices + unprinted)

    def keep(self, visit_id: int, pdf: bytes) -> str:
        """Keep a produced brief as a generated document; returns its SHA-256.

        The kept record carries the brief's overall marking (the highest of its parts), which
        may be above the visit's own.
        """
        marking = self.scheme.parse(self.data(visit_id).classification).code
        with self.db.session() as session:
            visit = load_visit(session, visit_id)
            return keep_generated(
                session,
                kind="brief",
                source_uid=str(visit.uid),
                title=f"Brief: visit of {visit.principal}",
                classification=marking,
                pdf=pdf,
                inputs={
                    "visit": visit.id,
                    "brief_version": visit.brief_version,
                    "visit_version": visit.version,
                },
            )


def _dates(start: date, end: date) -> str:
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"


class _Builder:
    """One brief's assembly: every part carries the classification of the record it prints."""

    def __init__(self, session: Session, visit: Visit, scheme: ClassificationScheme) -> None:
        self.session = session
        self.visit = visit
        self.scheme = scheme
        self.meetings: list[Engagement] = programme(session, visit)
        # The brief's own date: what is past, last or overdue is judged on the day it is
        # written, never on the visit's start (a meeting between the two has not happened).
        self.on: date = visit.updated_at.date()

    def mark(self, code: str) -> str:
        return self.scheme.level(code).portion_mark

    def marked(self, code: str, text: str) -> Marked:
        return marked(self.scheme, code, text)

    def visit_text(self, label: str, text: str) -> Labelled:
        """A labelled part of the visit's own text, marked as the visit is."""
        return Labelled(
            label, text, self.visit.classification, self.mark(self.visit.classification)
        )

    def steering(self) -> Section:
        items = tuple(
            self.visit_text(label, getattr(self.visit, name))
            for name, label in STEERING_PARTS
            if getattr(self.visit, name).strip()
        )
        missing = tuple(
            f"{label}: not written yet."
            for name, label in STEERING_PARTS
            if not getattr(self.visit, name).strip()
        )
        if self.visit.delegation.strip():
            items += (self.visit_text("Delegation", self.visit.delegation),)
        return Section("Steering brief", items, missing)

    def programme(self) -> tuple[ProgrammeDay, ...]:
        def local(e: Engagement) -> datetime:
            return e.starts_at.astimezone(ZoneInfo(e.time_zone))

        days = []
        for when, meetings in groupby(self.meetings, key=lambda e: local(e).date()):
            items = []
            for e in meetings:
                start = local(e)
                end = e.ends_at.astimezone(ZoneInfo(e.time_zone)) if e.ends_at else None
                clock = f"{start:%H:%M}" + (f"–{end:%H:%M}" if end else "")
                items.append(
                    ProgrammeItem(
                        time=f"{clock} {start.tzname() or ''}".strip(),
                        title=e.title,
                        place=e.place,
                        theirs=self._side(e, Side.THEIRS),
                        ours=self._side(e, Side.OURS),
                        details=tuple(
                            Labelled(k, v)
                            for k, v in (
                                ("Kind", engagement_kind_label(e.kind)),
                                ("Formality", formality_label(e.formality)),
                                ("Agenda", e.agenda),
                            )
                            if v
                        ),
                        portion_mark=self.mark(e.classification),
                        classification=e.classification,
                    )
                )
            days.append(ProgrammeDay(f"{when:%A} {when.day} {when:%B %Y}", tuple(items)))
        return tuple(days)

    def _side(self, engagement: Engagement, side: Side) -> tuple[str, ...]:
        """One side's people in protocol order: the leader (our principal, their host) first,
        then by the rank of their role or post; the recorded order among equals."""
        people = [p for p in engagement.participants if p.side is side]
        people.sort(key=lambda p: (protocol_rank(self._role_words(p)), p.position, p.id))
        return tuple(_who(p) for p in people)

    def _role_words(self, participant: Participant) -> str:
        words = [participant.role, participant.name if participant.person is None else ""]
        if participant.person is not None:
            words += [m.post.title for m in participant.person.memberships if m.is_current(self.on)]
        return " ".join(words)

    def calls(self) -> tuple[CallBrief, ...]:
        notes = {n.engagement_id: n for n in self.visit.call_notes}
        briefs = []
        for e in self.meetings:
            note = notes.get(e.id)
            theirs = [p for p in e.participants if p.side is Side.THEIRS and p.person_id]
            last = self._last_meeting(e, [p.person_id for p in theirs if p.person_id])
            missing = []
            if note is None or not note.objectives.strip():
                missing.append("Objectives for this meeting are not written yet.")
            if not last:
                missing.append("No earlier meeting with these interlocutors is recorded.")
            pending = self._open_commitments([p.person_id for p in theirs if p.person_id])
            start = e.starts_at.astimezone(ZoneInfo(e.time_zone))
            briefs.append(
                CallBrief(
                    title=e.title,
                    when=f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M} "
                    f"{start.tzname() or ''}".strip(),
                    portion_mark=self.mark(e.classification),
                    classification=e.classification,
                    notes_classification=self.visit.classification,
                    notes_mark=self.mark(self.visit.classification),
                    objectives=note.objectives if note else "",
                    points_to_make=note.points_to_make if note else "",
                    their_points=note.their_points if note else "",
                    last_meeting=last,
                    commitments=pending,
                    missing=tuple(missing),
                )
            )
        return tuple(briefs)

    def _open_commitments(self, person_ids: list[int]) -> tuple[Marked, ...]:
        """Open follow-ups these interlocutors owe or were promised: shown until closed."""
        if not person_ids:
            return ()
        took_part = select(Participant.engagement_id).where(Participant.person_id.in_(person_ids))
        rows = self.session.scalars(
            select(Commitment)
            .join(Engagement, Engagement.id == Commitment.engagement_id)
            .where(Commitment.status == CommitmentStatus.OPEN)
            .where(
                Commitment.owner_person_id.in_(person_ids) | Commitment.engagement_id.in_(took_part)
            )
            .where(Engagement.starts_at < datetime.combine(self.on, time(0), tzinfo=UTC))
            .order_by(Commitment.due_date.is_(None), Commitment.due_date, Commitment.id)
            .limit(30)
        ).all()
        lines = []
        for item in rows:
            who = "We" if item.side is Side.OURS else "They"
            due = ""
            if item.due_date is not None:
                late = " (overdue)" if item.due_date < self.on else ""
                due = f", due {day(item.due_date)}{late}"
            made = day(item.engagement.starts_at.date())
            line = f"{who} promised on {made}: {item.description}{due}."
            lines.append(self.marked(item.classification, line))
        return tuple(lines)

    def _last_meeting(self, meeting: Engagement, person_ids: list[int]) -> Marked | str:
        if not person_ids:
            return ""
        earlier = self.session.scalars(
            select(Engagement)
            .join(Participant, Participant.engagement_id == Engagement.id)
            .where(Participant.person_id.in_(person_ids))
            .where(Engagement.starts_at < datetime.combine(self.on, time(0), tzinfo=UTC))
            .order_by(Engagement.starts_at.desc(), Engagement.id.desc())
            .limit(1)
        ).first()
        if earlier is None:
            return ""
        outcome = f" Outcome: {earlier.outcome}" if earlier.outcome else ""
        return self.marked(
            earlier.classification,
            f"{day(earlier.starts_at.date())}, {earlier.place or 'place not recorded'}: "
            f"{earlier.title}.{outcome}",
        )

    def biographies(self) -> tuple[Biography, ...]:
        ids = list(
            dict.fromkeys(
                p.person_id
                for e in self.meetings
                for p in e.participants
                if p.side is Side.THEIRS and p.person_id
            )
        )
        people = {p.id: p for p in load_people(self.session, ids)}
        bios = []
        for person_id in ids:
            person = people[person_id]
            bios.append(
                biography(self.session, person, self.visit.starts_on, self.scheme, before=self.on)
            )
        return tuple(bios)

    def agreements(self) -> AgreementsPart:
        today = self.visit.starts_on  # what may expire or be signed around the visit
        agreements = self.session.scalars(
            select(Agreement)
            .where(Agreement.country_id == self.visit.country.id)
            .order_by(Agreement.title)
        ).all()
        groups: list[tuple[str, tuple[AgreementLine, ...]]] = []
        for heading, members in GROUPS[:3]:
            groups.append(
                (
                    heading,
                    tuple(self._line(a) for a in agreements if a.status in members),
                )
            )
        live = GROUPS[0][1]  # in force, provisionally applied, suspended
        soon = tuple(
            self._line(a)
            for a in agreements
            if a.status in live
            and (expiry := a.expiry(today)) is not None
            and today <= expiry <= today + timedelta(days=EXPIRING_DAYS)
        )
        groups.append(("Expiring or up for renewal within 24 months", soon))
        ready = tuple(self._line(a) for a in agreements if a.status is AgreementStatus.INITIALLED)
        groups.append(("Initialled, possibly for signature during the visit", ready))
        return AgreementsPart(tuple(groups))

    def _line(self, agreement: Agreement) -> AgreementLine:
        line = _agreement_line(agreement, self.on)
        level = self.scheme.level(agreement.classification)
        return replace(line, portion_mark=level.portion_mark, classification=level.code)

    def protocol(self) -> Section:
        items = []
        if self.visit.protocol_notes.strip():
            items.append(self.visit_text("Notes", self.visit.protocol_notes))
        return Section(
            "Protocol notes", tuple(items), () if items else ("Protocol notes: not written yet.",)
        )


def _who(participant: Participant) -> str:
    name = participant.person.display_name if participant.person else participant.name
    return f"{name} ({participant.role})" if participant.role else name


def _agreement_line(agreement: Agreement, on: date) -> AgreementLine:
    parts = []
    signed = [p.signature_date for p in agreement.parties if p.signature_date]
    if signed:
        parts.append(f"signed {day(max(signed))}")
    if agreement.entry_into_force:
        parts.append(f"in force {day(agreement.entry_into_force)}")
    expiry = agreement.expiry(on)
    if expiry:
        parts.append(f"expires {day(expiry)}")
    deadline = agreement.notice_deadline(on)
    if deadline:
        parts.append(f"notice deadline {day(deadline)}")
    status = agreement.status.value.replace("_", " ")
    return AgreementLine(
        agreement.short_title or agreement.title,
        f"{status.capitalize()}" + (f"; {'; '.join(parts)}" if parts else ""),
    )
