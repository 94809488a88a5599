"""Agreements: record, lifecycle with history, computed dates, deadlines, register, files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bilatdesk.domain import AgreementKind, AgreementStatus, LinkKind, PeriodUnit
from bilatdesk.services.agreements.attachments import AttachmentStore
from bilatdesk.services.agreements.records import AgreementInput, PartyInput
from bilatdesk.services.agreements.register import AgreementRegister
from bilatdesk.services.agreements.service import AgreementService
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.kernel.errors import ConflictError, ValidationError
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.store.database import Database

TODAY = date(2026, 11, 22)
S = AgreementStatus


def _mou(country_id: int | None = None, **changes: object) -> AgreementInput:
    base = AgreementInput(
        title="Memorandum of Understanding on Cultural Cooperation",
        short_title="Culture MoU",
        kind=AgreementKind.MEMORANDUM_OF_UNDERSTANDING,
        legally_binding=False,
        country_id=country_id,
        entry_into_force=date(2022, 6, 1),
        fixed_term=True,
        term=(5, PeriodUnit.YEARS),
        renewal=(1, PeriodUnit.YEARS),
        notice=(6, PeriodUnit.MONTHS),
        parties=(
            PartyInput("Our state", date(2022, 5, 20), "Vienna", "A. Kovačević-Brandt"),
            PartyInput("Austria", date(2022, 5, 20), "Vienna", "Dr T. Schönbäck-Größl"),
        ),
    )
    return AgreementInput(**{**base.__dict__, **changes})


@pytest.fixture
def austria(database: Database) -> int:
    return CountryService(database).create(CountryInput("AT")).id


def test_expiry_and_notice_deadline_are_computed(database: Database, austria: int) -> None:
    """5 years from 1 Jun 2022 ends 31 May 2027; six months' notice means by 1 Dec 2026."""
    service = AgreementService(database)
    created = service.create(_mou(austria), S.IN_FORCE, on=date(2022, 6, 1))
    detail = service.get(created.id, today=TODAY)
    assert detail.expiry_date == date(2027, 5, 31)
    assert detail.notice_deadline == date(2026, 12, 1)
    deadlines = service.deadlines(today=TODAY)
    assert [(d.what, d.on, d.days_left) for d in deadlines] == [
        ("notice deadline", date(2026, 12, 1), 9)
    ]
    row = service.list(ListQuery(country_id=austria), today=TODAY).rows[0]
    assert (row.expiry_date, row.notice_deadline, row.group) == (
        date(2027, 5, 31),
        date(2026, 12, 1),
        "In force",
    )


def test_lifecycle_history_and_illegal_jumps(database: Database, austria: int) -> None:
    """Each change is dated and kept; signing before initialling is refused with a reason."""
    service = AgreementService(database)
    draft = service.create(_mou(austria, entry_into_force=None), on=date(2025, 1, 10))
    assert draft.status is S.PROPOSED
    step = service.change_status(
        draft.id,
        S.UNDER_NEGOTIATION,
        on=date(2025, 2, 1),
        note="First round in Vienna",
        expected_version=draft.version,
    )
    with pytest.raises(ValidationError) as refused:
        service.change_status(step.id, S.SIGNED, on=date(2025, 3, 1), expected_version=step.version)
    assert "initialled" in refused.value.errors["status"]
    step = service.change_status(
        step.id, S.INITIALLED, on=date(2025, 3, 1), expected_version=step.version
    )
    step = service.change_status(
        step.id, S.SIGNED, on=date(2025, 4, 1), expected_version=step.version
    )
    with pytest.raises(ValidationError):
        service.change_status(
            step.id,
            S.PENDING_INTERNAL_PROCEDURES,
            on=date(2025, 3, 30),
            expected_version=step.version,
        )
    assert [(h.status, h.on) for h in service.get(step.id).history] == [
        (S.PROPOSED, date(2025, 1, 10)),
        (S.UNDER_NEGOTIATION, date(2025, 2, 1)),
        (S.INITIALLED, date(2025, 3, 1)),
        (S.SIGNED, date(2025, 4, 1)),
    ]
    assert S.PENDING_INTERNAL_PROCEDURES in service.get(step.id).next_statuses
    with pytest.raises(ConflictError):
        service.change_status(
            step.id, S.NOT_PROCEEDING, on=date(2025, 5, 1), expected_version=draft.version
        )


def test_recording_in_force_needs_its_date(database: Database, austria: int) -> None:
    """An agreement recorded as in force without a date of entry into force is refused."""
    with pytest.raises(ValidationError) as refused:
        AgreementService(database).create(_mou(austria, entry_into_force=None), S.IN_FORCE)
    assert "entry_into_force" in refused.value.errors


def test_register_groups_and_links(database: Database, austria: int) -> None:
    """The register groups by status; an amending protocol links to what it amends."""
    service = AgreementService(database)
    base = service.create(_mou(austria), S.IN_FORCE, on=date(2022, 6, 1))
    service.create(
        _mou(
            austria,
            title="Protocol amending the Culture MoU",
            short_title="",
            kind=AgreementKind.PROTOCOL,
            entry_into_force=None,
            links=((LinkKind.AMENDS, base.id),),
        ),
        S.UNDER_NEGOTIATION,
    )
    groups = {r.title: r.group for r in service.list(ListQuery()).rows}
    assert groups == {
        "Memorandum of Understanding on Cultural Cooperation": "In force",
        "Protocol amending the Culture MoU": "Under negotiation",
    }
    under = service.list(ListQuery(), status_group="Under negotiation").rows
    assert [r.title for r in under] == ["Protocol amending the Culture MoU"]
    assert service.get(under[0].id).data.links == ((LinkKind.AMENDS, base.id),)


def test_register_pdf_has_every_group(database: Database, austria: int) -> None:
    """The register data carries the four groups, the marking and the near deadline."""
    service = AgreementService(database)
    service.create(_mou(austria, classification="R"), S.IN_FORCE, on=date(2022, 6, 1))
    data = AgreementRegister(database).data(austria, today=TODAY)
    assert data.title == "Agreements between our state and Austria"
    assert data.classification == "RESTRICTED"
    assert [g.heading for g in data.groups] == [
        "In force",
        "Signed, not in force",
        "Under negotiation",
        "Expired or ended",
        "Not proceeding",
    ]
    entry = data.groups[0].entries[0]
    assert entry.notice_deadline == "1 Dec 2026" and "9 days" in entry.note
    assert entry.notice_near  # flagged by the domain rule, not left for the print to read


def test_attachments_are_deduplicated_and_exported_safely(
    database: Database, austria: int, tmp_path: Path
) -> None:
    """The same signed text attached twice is stored once; a hostile name stays in the folder."""
    agreement = AgreementService(database).create(_mou(austria))
    text = tmp_path / "signed text.pdf"
    text.write_bytes(b"%PDF-1.7 signed text")
    store = AttachmentStore(database)
    first = store.add("agreement", agreement.id, text)
    second = store.add("agreement", agreement.id, text)
    assert first.sha256 == second.sha256 and first.size == 20
    with database.read() as session:
        from sqlalchemy import text as sql

        assert session.execute(sql("SELECT count(*) FROM blob")).scalar() == 1
    out = tmp_path / "deep" / "out"
    out.mkdir(parents=True)
    for hostile in ("../../escape.txt", "/tmp/absolute.txt", "CON", "a\x07b", "é" * 200):
        view = store.add("agreement", agreement.id, text)
        with database.session() as session:  # as if a name came in from elsewhere
            from sqlalchemy import text as sql

            session.execute(
                sql("UPDATE attachment SET file_name = :n WHERE id = :i"),
                {"n": hostile, "i": view.id},
            )
        written = store.export(view.id, out)
        assert written.parent == out.resolve()
        assert written.read_bytes() == b"%PDF-1.7 signed text"
    assert not (tmp_path / "escape.txt").exists()
    assert not (tmp_path / "deep" / "escape.txt").exists()
    for view in store.list("agreement", agreement.id):
        store.remove(view.id)
    with database.read() as session:
        from sqlalchemy import text as sql

        assert session.execute(sql("SELECT count(*) FROM blob WHERE size = 20")).scalar() == 0


def test_huge_file_is_refused_before_it_is_read(database: Database, tmp_path: Path) -> None:
    """A file over the limit is refused from its size: a sparse 60 GB file is never read."""
    agreement = AgreementService(database).create(_mou())
    huge = tmp_path / "huge.bin"
    with huge.open("wb") as handle:
        handle.truncate(60 * 1024**3)  # sparse: reading it would take minutes and 60 GB
    with pytest.raises(ValidationError) as refused:
        AttachmentStore(database).add("agreement", agreement.id, huge)
    assert "at most 50 MB" in refused.value.errors["file"]
    assert huge.stat().st_size == 60 * 1024**3


def test_tags_are_saved_kept_and_filter_the_register(database: Database, austria: int) -> None:
    """Tags set with the agreement are kept when an edit leaves them unsaid (None), replaced
    when given, and narrow the list to agreements carrying every chosen tag."""
    from dataclasses import replace

    from bilatdesk.services.tags import TagService

    tags = TagService(database)
    energy, trade = tags.create("Energy").id, tags.create("Trade").id
    service = AgreementService(database)
    both = service.create(
        AgreementInput("Energy and trade", country_id=austria, tag_ids=(energy, trade))
    )
    service.create(AgreementInput("Energy only", country_id=austria, tag_ids=(energy,)))
    assert service.get(both.id).data.tag_ids == tuple(sorted((energy, trade)))
    titles = [r.title for r in service.list(ListQuery(tags=(energy, trade))).rows]
    assert titles == ["Energy and trade"]
    current = service.get(both.id)
    service.update(both.id, replace(current.data, tag_ids=None), current.version)
    assert service.get(both.id).data.tag_ids == tuple(sorted((energy, trade)))
    current = service.get(both.id)
    service.update(both.id, replace(current.data, tag_ids=(trade,)), current.version)
    assert service.get(both.id).data.tag_ids == (trade,)
    with pytest.raises(ValidationError):
        service.create(AgreementInput("Ghost tag", country_id=austria, tag_ids=(9999,)))
