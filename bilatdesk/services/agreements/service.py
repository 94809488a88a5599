"""Agreements: the register, the record with its parties, the lifecycle, and deadlines."""

from __future__ import annotations

import builtins
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    Agreement,
    AgreementLink,
    AgreementParty,
    AgreementStatus,
    AgreementStatusChange,
    Attachment,
    ClassificationScheme,
    Country,
    Engagement,
    Organisation,
    Tag,
)
from bilatdesk.domain.agreement_rules import (
    GROUPS,
    NEXT,
    NOTICE_WARNING_DAYS,
    falls_within,
    transition_problem,
)
from bilatdesk.domain.base import table_of
from bilatdesk.services.agreements.events import (
    apply_event,
    check_agreements,
    input_of,
    problems_of,
    recorded,
    with_event,
)
from bilatdesk.services.agreements.records import (
    AgreementCheck,
    AgreementDetail,
    AgreementInput,
    AgreementRow,
    AttachmentView,
    Deadline,
    PartyInput,
    Recording,
    StatusStep,
)
from bilatdesk.services.kernel.errors import NotFoundError, ValidationError, require_version
from bilatdesk.services.kernel.listing import (
    Choice,
    DeleteImpact,
    ListQuery,
    Page,
    apply_filters,
    fetch_page,
)
from bilatdesk.services.kernel.validation import Checker, column_limit
from bilatdesk.services.undo.rows import Root
from bilatdesk.services.undo.service import UndoService, watching
from bilatdesk.store.database import Database

SORTS = {
    "title": Agreement.title,
    "status": Agreement.status,
    "entry_into_force": Agreement.entry_into_force,
}
MAX_PARTIES = 50


def group_of(status: AgreementStatus) -> str:
    return next(heading for heading, members in GROUPS if status in members)


class AgreementService:
    def __init__(
        self,
        database: Database,
        scheme: ClassificationScheme = DEFAULT_SCHEME,
        *,
        undo: UndoService | None = None,
    ) -> None:
        self.db = database
        self.undo = undo
        self.scheme = scheme

    # -- reading ----------------------------------------------------------------------------
    def list(
        self,
        query: ListQuery = ListQuery(),
        status_group: str | None = None,
        *,
        today: date | None = None,
    ) -> Page[AgreementRow]:
        today = today or date.today()
        sort_column = SORTS.get(query.sort, Agreement.title)
        if sort_column is Agreement.entry_into_force:  # undated ones last, not first
            sort_column = func.coalesce(Agreement.entry_into_force, date(9999, 12, 31))  # type: ignore[assignment]
        with self.db.read() as session:
            statement = select(Agreement.id)
            statement = apply_filters(session, statement, table_of(Agreement), query)
            if query.country_id is not None:
                statement = statement.where(Agreement.country_id == query.country_id)
            if status_group:
                members = dict(GROUPS).get(status_group)
                if members is None:
                    raise ValidationError({"status_group": f"No register group '{status_group}'."})
                statement = statement.where(Agreement.status.in_(members))
            rows, cursor = fetch_page(session, statement, sort_column, Agreement.id, query)
            loaded = {
                a.id: a
                for a in session.scalars(
                    select(Agreement)
                    .where(Agreement.id.in_([r.id for r in rows]))
                    .options(
                        selectinload(Agreement.parties),
                        selectinload(Agreement.country),
                        selectinload(Agreement.history),
                    )
                )
            }
            return Page(tuple(_row(loaded[r.id], today) for r in rows), cursor)

    def get(self, agreement_id: int, *, today: date | None = None) -> AgreementDetail:
        with self.db.read() as session:
            return _detail(session, _load(session, agreement_id), today or date.today())

    def choices(self, country_id: int | None = None) -> builtins.list[Choice]:
        with self.db.read() as session:
            statement = select(Agreement.id, Agreement.title, Agreement.short_title).order_by(
                Agreement.title, Agreement.id
            )
            if country_id is not None:
                statement = statement.where(Agreement.country_id == country_id)
            return [Choice(r.id, r.short_title or r.title) for r in session.execute(statement)]

    def deadlines(
        self,
        *,
        today: date | None = None,
        within_days: int = NOTICE_WARNING_DAYS,
        country_id: int | None = None,
    ) -> builtins.list[Deadline]:
        """Notice deadlines and expiries from today to `within_days` ahead, soonest first."""
        with self.db.read() as session:
            return deadlines_within(session, today or date.today(), within_days, country_id)

    def check(
        self, country_id: int | None = None, *, today: date | None = None
    ) -> builtins.list[AgreementCheck]:
        """The register's own check: every agreement whose status history, "in force since"
        and parties' dates contradict each other, with sentences saying how."""
        with self.db.read() as session:
            return check_agreements(session, country_id, today or date.today())

    # -- writing ----------------------------------------------------------------------------
    def create(
        self,
        data: AgreementInput,
        status: AgreementStatus = AgreementStatus.PROPOSED,
        on: date | None = None,
    ) -> AgreementDetail:
        """A new agreement; an existing one may be recorded at its present status, whose day
        (when given) also dates the record and its parties (in force since, signed on)."""
        if on is not None and status is not AgreementStatus.PROPOSED:
            return self.record(data, Recording((StatusStep(status, on, "Recorded"),)))
        return self._create(data, status, (StatusStep(status, on or date.today(), _first(status)),))

    def record(self, data: AgreementInput, recording: Recording) -> AgreementDetail:
        """An agreement already at its present status, recorded at once: each step with its
        own day fills the history and the dates of the record and its parties together."""
        return self._create(recorded(data, recording), recording.steps[-1].status, recording.steps)

    def _create(
        self, data: AgreementInput, status: AgreementStatus, steps: tuple[StatusStep, ...]
    ) -> AgreementDetail:
        with self.db.session() as session:
            clean = self._validate(session, data, None)
            _require_status_data(status, clean)
            agreement = Agreement(title=clean.title, status=status)
            session.add(agreement)
            with session.no_autoflush:
                _apply(session, agreement, clean)
                agreement.history = [
                    AgreementStatusChange(status=s.status, on=s.on, note=s.note) for s in steps
                ]
            session.flush()
            return _detail(session, agreement, date.today())

    def update(
        self, agreement_id: int, data: AgreementInput, expected_version: int
    ) -> AgreementDetail:
        with self.db.session() as session:
            agreement = _load(session, agreement_id)
            require_version(agreement.version, expected_version, f"'{agreement.title}'")
            step = watching(self.undo, session, Root("agreement", agreement_id))
            clean = self._validate(session, data, agreement_id)
            _require_status_data(agreement.status, clean)
            with session.no_autoflush:
                _apply(session, agreement, clean)
            session.flush()
            step.done(f"edit {agreement.title}", agreement.title)
            return _detail(session, agreement, date.today())

    def change_status(
        self,
        agreement_id: int,
        status: AgreementStatus,
        *,
        on: date,
        note: str = "",
        place: str = "",
        expected_version: int,
    ) -> AgreementDetail:
        """Move along the lifecycle; an illegal jump is refused with its reason. The day (and
        the place of a signature) also dates the record and its parties: one event, once."""
        with self.db.session() as session:
            agreement = _load(session, agreement_id)
            require_version(agreement.version, expected_version, f"'{agreement.title}'")
            problem = transition_problem(agreement.status, status)
            if problem:
                raise ValidationError({"status": problem})
            _require_status_data(status, with_event(input_of(agreement), status, on, place))
            last = max((step.on for step in agreement.history), default=None)
            if last is not None and on < last:
                raise ValidationError(
                    {"status": f"The change cannot be dated before the last one ({last:%d %b %Y})."}
                )
            check = Checker()
            clean_note = check.text("status", "The note", note)
            check.raise_if_any()
            step = watching(self.undo, session, Root("agreement", agreement_id))
            agreement.status = status
            apply_event(agreement, status, on, place.strip())
            agreement.history.append(AgreementStatusChange(status=status, on=on, note=clean_note))
            session.flush()
            step.done(f"status change of {agreement.title}", agreement.title)
            return _detail(session, agreement, date.today())

    def delete_impact(self, agreement_id: int) -> DeleteImpact:
        with self.db.read() as session:
            agreement = _load(session, agreement_id)
            files = (
                session.scalar(
                    select(func.count()).where(
                        Attachment.owner_table == "agreement", Attachment.owner_id == agreement_id
                    )
                )
                or 0
            )
            notes = [f"its history of {len(agreement.history)} status changes is deleted"]
            if files:
                notes.append(f"{files} attached files are removed from it")
            return DeleteImpact(
                agreement.short_title or agreement.title, tuple(notes), undoable=True
            )

    def delete(self, agreement_id: int, expected_version: int) -> None:
        with self.db.session() as session:
            agreement = _load(session, agreement_id)
            require_version(agreement.version, expected_version, f"'{agreement.title}'")
            name = agreement.title
            step = watching(self.undo, session, Root("agreement", agreement_id), binned=True)
            for attachment in session.scalars(
                select(Attachment).where(
                    Attachment.owner_table == "agreement", Attachment.owner_id == agreement_id
                )
            ):
                session.delete(attachment)
            session.delete(agreement)
            step.done(f"delete {name}", name)

    # -- inside -----------------------------------------------------------------------------
    def _validate(
        self, session: Session, data: AgreementInput, own_id: int | None
    ) -> AgreementInput:
        check = Checker()
        text = {
            name: check.text(
                name, label, getattr(data, name), max_length=column_limit(getattr(Agreement, name))
            )
            for name, label in (
                ("title", "Title"),
                ("short_title", "Short title"),
                ("subjects", "Subjects"),
                ("sector", "Sector"),
                ("lead_negotiator", "Lead negotiator"),
                ("un_registration_number", "UN registration number"),
                ("national_series_number", "National series number"),
                ("authentic_languages", "Authentic languages"),
            )
        }
        if not text["title"] and "title" not in check.errors:
            check.fail("title", "An agreement needs its official title.")
        _check_terms_and_links(check, session, data, own_id)
        if len(data.parties) > MAX_PARTIES:
            check.fail("parties", f"At most {MAX_PARTIES} parties.")
        parties = []
        for party in data.parties[:MAX_PARTIES]:
            name = check.text(
                "parties",
                "A party's name",
                party.name,
                max_length=column_limit(AgreementParty.name),
            )
            if not name:
                check.fail("parties", "Every party needs a name.")
            parties.append(
                PartyInput(
                    name,
                    party.signature_date,
                    check.text(
                        "parties",
                        "A place of signature",
                        party.signature_place,
                        max_length=column_limit(AgreementParty.signature_place),
                    ),
                    check.text(
                        "parties",
                        "A signatory",
                        party.signatory,
                        max_length=column_limit(AgreementParty.signatory),
                    ),
                    party.consent_method,
                    party.consent_date,
                    party.entry_into_force,
                    check.long_text("parties", "Reservations", party.reservations),
                )
            )
        clean = AgreementInput(
            **{
                **data.__dict__,
                **text,
                "other_titles": check.long_text("other_titles", "Other titles", data.other_titles),
                "entry_into_force_condition": check.long_text(
                    "entry_into_force_condition",
                    "Entry-into-force condition",
                    data.entry_into_force_condition,
                ),
                "notes": check.long_text("notes", "Notes", data.notes),
                "classification": check.classification(
                    "classification", self.scheme, data.classification
                ),
                "parties": tuple(parties),
                "links": tuple(dict.fromkeys(data.links)),
                "round_ids": tuple(dict.fromkeys(data.round_ids)),
                "tag_ids": None if data.tag_ids is None else tuple(dict.fromkeys(data.tag_ids)),
            },
        )
        check.raise_if_any()
        return clean


def deadlines_within(
    session: Session, today: date, within_days: int, country_id: int | None = None
) -> list[Deadline]:
    """Notice deadlines and expiries of agreements in force with a fixed term, from today to
    `within_days` ahead, soonest first (the agreements page and Today's reminders)."""
    found: list[Deadline] = []
    statement = (
        select(Agreement)
        .where(
            Agreement.status.in_([AgreementStatus.IN_FORCE, AgreementStatus.PROVISIONALLY_APPLIED])
        )
        .where(Agreement.fixed_term.is_(True))
        .options(selectinload(Agreement.country))
    )
    if country_id is not None:
        statement = statement.where(Agreement.country_id == country_id)
    for agreement in session.scalars(statement):
        country = agreement.country.name if agreement.country else ""
        title = agreement.short_title or agreement.title
        for what, on in (
            ("notice deadline", agreement.notice_deadline(today)),
            ("expiry", agreement.expiry(today)),
        ):
            if on is not None and falls_within(on, today, within_days):
                found.append(Deadline(agreement.id, title, country, what, on, (on - today).days))
    return sorted(found, key=lambda d: (d.on, d.title))


def _check_terms_and_links(
    check: Checker, session: Session, data: AgreementInput, own_id: int | None
) -> None:
    """Periods are sensible and everything the agreement points at exists."""
    for name, value in (
        ("term", data.term),
        ("renewal", data.renewal),
        ("notice", data.notice),
    ):
        if value is not None and not 1 <= value[0] <= 1200:
            check.fail(name, "A period is a whole number from 1 to 1200.")
    if data.fixed_term and data.term is None:
        check.fail("term", "A fixed-term agreement needs its initial term.")
    if data.renewal is not None and not data.fixed_term:
        check.fail("renewal", "Only a fixed-term agreement renews itself.")
    check.exists("country_id", session, Country, data.country_id, "That country")
    if (
        data.lead_organisation_id is not None
        and session.get(Organisation, data.lead_organisation_id) is None
    ):
        check.fail("lead_organisation_id", "That organisation no longer exists.")
    for _kind, target in data.links:
        if target == own_id:
            check.fail("links", "An agreement cannot amend or supersede itself.")
        elif session.get(Agreement, target) is None:
            check.fail("links", "A linked agreement no longer exists.")
    for engagement_id in data.round_ids:
        if session.get(Engagement, engagement_id) is None:
            check.fail("round_ids", "A negotiation round no longer exists.")
    for tag_id in data.tag_ids or ():
        if session.get(Tag, tag_id) is None:
            check.fail("tag_ids", "A chosen tag no longer exists; it may have been removed.")


def _first(status: AgreementStatus) -> str:
    return "Recorded" if status is not AgreementStatus.PROPOSED else "Proposed"


def _require_status_data(status: AgreementStatus, data: AgreementInput) -> None:
    """What a status needs on the record: in force needs its date, and so on."""
    if status is AgreementStatus.IN_FORCE and data.entry_into_force is None:
        raise ValidationError(
            {"entry_into_force": "An agreement in force needs its date of entry into force."}
        )
    if (
        status is AgreementStatus.PROVISIONALLY_APPLIED
        and data.provisional_application_from is None
    ):
        raise ValidationError(
            {
                "provisional_application_from": "Give the date from which it is "
                "provisionally applied."
            }
        )


def _load(session: Session, agreement_id: int) -> Agreement:
    agreement = session.get(
        Agreement,
        agreement_id,
        options=[
            selectinload(Agreement.parties),
            selectinload(Agreement.history),
            selectinload(Agreement.links),
            selectinload(Agreement.rounds),
            selectinload(Agreement.country),
        ],
    )
    if agreement is None:
        raise NotFoundError("That agreement no longer exists; it may have been deleted.")
    return agreement


def _apply(session: Session, agreement: Agreement, data: AgreementInput) -> None:
    for name in (
        "title",
        "kind",
        "legally_binding",
        "other_titles",
        "short_title",
        "subjects",
        "sector",
        "country_id",
        "lead_organisation_id",
        "lead_negotiator",
        "entry_into_force_condition",
        "entry_into_force",
        "provisional_application_from",
        "fixed_term",
        "un_registration_number",
        "un_registration_date",
        "national_series_number",
        "authentic_languages",
        "classification",
        "notes",
    ):
        setattr(agreement, name, getattr(data, name))
    for name, value in (("term", data.term), ("renewal", data.renewal), ("notice", data.notice)):
        setattr(agreement, f"{name}_value", value[0] if value else None)
        if value:
            setattr(agreement, f"{name}_unit", value[1])
    agreement.parties = [
        AgreementParty(position=i, **party.__dict__) for i, party in enumerate(data.parties)
    ]
    agreement.links = [AgreementLink(kind=kind, target_id=target) for kind, target in data.links]
    agreement.rounds = list(
        session.scalars(select(Engagement).where(Engagement.id.in_(data.round_ids)))
    )
    if data.tag_ids is not None:
        agreement.tags = list(session.scalars(select(Tag).where(Tag.id.in_(data.tag_ids))))
    agreement.refresh_derived()


def _row(agreement: Agreement, today: date) -> AgreementRow:
    signed = [p.signature_date for p in agreement.parties if p.signature_date]
    return AgreementRow(
        agreement.id,
        agreement.uid,
        agreement.version,
        agreement.title,
        agreement.short_title,
        agreement.kind,
        agreement.status,
        agreement.country.name if agreement.country else "",
        max(signed) if signed else None,
        agreement.entry_into_force,
        agreement.expiry(today),
        agreement.notice_deadline(today),
        agreement.classification,
        group_of(agreement.status),
        tuple(c.sentence for c in problems_of(agreement, today)),
    )


def _detail(session: Session, agreement: Agreement, today: date) -> AgreementDetail:
    attachments = session.scalars(
        select(Attachment)
        .where(Attachment.owner_table == "agreement", Attachment.owner_id == agreement.id)
        .order_by(Attachment.id)
    )
    return AgreementDetail(
        id=agreement.id,
        uid=agreement.uid,
        version=agreement.version,
        status=agreement.status,
        data=input_of(agreement),
        expiry_date=agreement.expiry(today),
        notice_deadline=agreement.notice_deadline(today),
        history=tuple(StatusStep(h.status, h.on, h.note) for h in agreement.history),
        next_statuses=tuple(sorted(NEXT[agreement.status], key=list(AgreementStatus).index)),
        attachments=tuple(
            AttachmentView(
                a.id,
                a.file_name,
                a.media_type,
                a.size,
                a.sha256,
                a.classification,
                a.description,
                a.added_at,
            )
            for a in attachments
        ),
        problems=problems_of(agreement, today),
    )
