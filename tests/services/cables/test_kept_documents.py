"""Kept documents are checked against their SHA-256 on every read and by `check`, kept once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from bilatdesk.cli import main
from bilatdesk.domain import GeneratedDocument
from bilatdesk.services.cables.documents import CableDocuments
from bilatdesk.services.kernel.documents import AlteredDocumentError, keep_generated
from bilatdesk.store.database import Database
from tests.store.freeze_setup import Frozen, build


@pytest.fixture
def frozen(database: Database) -> Frozen:
    return build(database)


def _behind_the_freeze(db: Database, statement: str, frozen: Frozen) -> None:
    """Run `statement` with the document triggers of migration 0006 switched off, as someone
    editing the file by hand (or an older program) could."""
    with db.session() as session:
        if db.is_sqlite:
            for event in ("update", "delete"):
                session.execute(text(f"DROP TRIGGER generated_document_frozen_{event}"))
        else:
            session.execute(text("ALTER TABLE generated_document DISABLE TRIGGER USER"))
        session.execute(text(statement), {"id": frozen.document})
        if not db.is_sqlite:
            session.execute(text("ALTER TABLE generated_document ENABLE TRIGGER USER"))


def test_altered_bytes_are_never_served_and_check_names_them(
    database: Database, frozen: Frozen, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A kept PDF rewritten behind the triggers is refused with a sentence; check names it."""
    documents = CableDocuments(database)
    assert documents.pdf(frozen.cable).startswith(b"%PDF")
    assert database.check().documents == ()
    blob = "x'255044462d66616b65'" if database.is_sqlite else "'\\x255044462d66616b65'::bytea"
    _behind_the_freeze(
        database, f"UPDATE generated_document SET content = {blob} WHERE id = :id", frozen
    )
    with pytest.raises(AlteredDocumentError) as refused:
        documents.pdf(frozen.cable)
    assert str(refused.value) == (
        "The kept PDF of VIE 2026/002 does not match its fingerprint; it may have been "
        "altered. Run bilatdesk check."
    )
    report = database.check()
    assert not report.healthy
    assert len(report.documents) == 1
    assert report.documents[0].startswith("the kept cable “VIE 2026/002 AUSTRIA")
    assert report.documents[0].endswith(
        f"(document {frozen.document}) does not match its fingerprint"
    )
    if database.is_sqlite:
        target = tmp_path / "cable.pdf"
        location = str(database.engine.url.database)
        database.close()
        code = main(["cable", "pdf", "VIE 2026/002", "--out", str(target), "--db", location])
        captured = capsys.readouterr()
        assert code == 1 and not target.exists()
        assert "does not match its fingerprint" in captured.err
        code = main(["check", "--db", location])
        assert code == 1 and "(document" in capsys.readouterr().out


def test_check_notices_a_kept_pdf_that_is_gone(database: Database, frozen: Frozen) -> None:
    """A dispatched cable whose kept PDF was deleted behind the triggers is reported."""
    _behind_the_freeze(database, "DELETE FROM generated_document WHERE id = :id", frozen)
    assert database.check().documents == ("the kept PDF of VIE 2026/002 is missing",)


def test_the_same_document_printed_twice_is_kept_once(database: Database) -> None:
    """Same kind, source and bytes reuse the kept row; other bytes are kept beside it."""
    source = "7d1c4c4e-0000-4000-8000-000000000001"
    for pdf in (b"%PDF brief", b"%PDF brief", b"%PDF brief, changed"):
        with database.session() as session:
            keep_generated(
                session,
                kind="brief",
                source_uid=source,
                title="Brief: visit of the minister",
                classification="R",
                pdf=pdf,
                inputs={},
            )
    with database.read() as session:
        count = session.scalar(select(func.count()).where(GeneratedDocument.source_uid == source))
    assert count == 2
