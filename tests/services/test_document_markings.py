"""Every printed document: raising any one printed part to SECRET makes every page SECRET.

Each test takes the demo database, lowers every record to UNCLASSIFIED, then raises one record
at a time to SECRET by raw SQL and prints the document. A record whose text the document
prints must then show "(S)" and every page's banner must read SECRET; a record it does not
print must leave the document UNCLASSIFIED with no "(S)": the marking counts exactly what prints.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from bilatdesk.services.agreements.register import AgreementRegister
from bilatdesk.services.cables.documents import CableDocuments
from bilatdesk.services.corps.diplomatic_list import DiplomaticListService
from bilatdesk.services.visits.brief.assemble import BriefService
from bilatdesk.services.visits.service import VisitService
from bilatdesk.store.database import Database
from tests.databases import DEMO_DAY
from tests.reports.pdfread import Run, page_runs

CLASSIFIED = ("visit", "engagement", "commitment", "person", "cable", "agreement")
VISIT, GREECE, AUSTRIA, DRAFT_CABLE = 1, 2, 1, 7


@pytest.fixture
def demo(demo_copy: Path) -> Iterator[Path]:
    """The demo copy with every record UNCLASSIFIED and the dispatched-cable freeze lifted.

    The freeze is lifted only in this private copy, so a dispatched cable cited by a draft
    can be raised to SECRET like any other record.
    """
    with closing(sqlite3.connect(demo_copy)) as con:
        triggers = con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%frozen%'"
        ).fetchall()
        for (name,) in triggers:
            con.execute(f'DROP TRIGGER "{name}"')
        for table in CLASSIFIED:
            con.execute(f"UPDATE {table} SET classification = 'U'")
        con.execute("UPDATE cable_paragraph SET portion = 'U'")
        # Titles made unique, so finding one in a document names exactly one record.
        con.execute("UPDATE engagement SET title = title || ' [E' || id || ']'")
        con.execute("UPDATE commitment SET description = description || ' [K' || id || ']'")
        con.commit()
    yield demo_copy


def _set(path: Path, table: str, row_id: int, code: str, column: str = "classification") -> None:
    with closing(sqlite3.connect(path)) as con:
        con.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (code, row_id))
        con.commit()


def _ids(path: Path, sql: str, *params: object) -> list[int]:
    with closing(sqlite3.connect(path)) as con:
        return [row[0] for row in con.execute(sql, params)]


def _banners(pages: list[list[Run]]) -> list[set[str]]:
    """Per page, the classifications the bold banner runs name (caveats cut off)."""
    return [
        {run.text.split(" // ")[0] for run in runs if run.font.endswith("Bold")}
        & {"UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET"}
        for runs in pages
    ]


def _text(pages: list[list[Run]]) -> str:
    return re.sub(r"\s", "", "".join(run.text for runs in pages for run in runs))


def _check_each(
    path: Path,
    parts: list[tuple[str, int, str]],
    render: Callable[[Database], bytes],
    must_print: set[tuple[str, int]],
    texts: dict[tuple[str, int], str] | None = None,
) -> None:
    """Raise each part in turn; a printed (S) and SECRET on every page go together.

    A part in `must_print`, or whose text (`texts`) shows in the document, must print (S).
    """
    with Database.open(path) as db:
        base = page_runs(render(db))
    assert all(pages == {"UNCLASSIFIED"} for pages in _banners(base))
    assert "(S)" not in _text(base)
    for table, row_id, column in parts:
        _set(path, table, row_id, "S", column)
        with Database.open(path) as db:
            pages = page_runs(render(db))
        _set(path, table, row_id, "U", column)
        printed = "(S)" in _text(pages)
        banners = _banners(pages)
        where = f"{table} {row_id}"
        text = re.sub(r"\s", "", (texts or {}).get((table, row_id), ""))
        if (table, row_id) in must_print or (text and text in _text(pages)):
            assert printed, f"{where} is printed without its portion mark"
        if printed:
            assert all(pages == {"SECRET"} for pages in banners), f"{where}: {banners}"
        else:
            assert all(pages == {"UNCLASSIFIED"} for pages in banners), f"{where}: {banners}"


def test_brief_banner_follows_every_part_it_prints(demo: Path) -> None:
    """The brief: the visit, meetings, earlier meetings, commitments, people, cables, agreements."""
    with Database.open(demo) as db:
        programme = VisitService(db).programme_ids(VISIT)
    inside = ",".join(str(i) for i in programme)
    people = _ids(
        demo,
        "SELECT DISTINCT person_id FROM participant WHERE person_id IS NOT NULL AND "
        f"engagement_id IN ({inside}) UNION SELECT id FROM person WHERE country_id = ?",
        GREECE,
    )
    # Each person's latest six earlier meetings: the five a biography lists and one it
    # leaves out, which must not count.
    earlier = [
        engagement
        for person in people
        for engagement in _ids(
            demo,
            "SELECT e.id FROM engagement e JOIN participant p ON p.engagement_id = e.id "
            "WHERE p.person_id = ? AND e.starts_at < (SELECT starts_on FROM visit WHERE id = ?) "
            "ORDER BY e.starts_at DESC, e.id DESC LIMIT 6",
            person,
            VISIT,
        )
    ]
    engagements = sorted(set(programme) | set(earlier))
    around = ",".join(str(i) for i in engagements)
    commitments = _ids(
        demo,
        f"SELECT id FROM commitment WHERE status = 'open' AND engagement_id IN ({around})",
    )
    cables = _ids(demo, "SELECT id FROM cable WHERE country_id = ?", GREECE)
    agreements = _ids(demo, "SELECT id FROM agreement WHERE country_id = ?", GREECE)
    parts = [("visit", VISIT, "classification")]
    parts += [("engagement", i, "classification") for i in engagements]
    parts += [("commitment", i, "classification") for i in commitments]
    parts += [("person", i, "classification") for i in people]
    parts += [("cable", i, "classification") for i in cables]
    parts += [("agreement", i, "classification") for i in agreements]
    dispatched = _ids(
        demo, "SELECT id FROM cable WHERE country_id = ? AND status = 'dispatched'", GREECE
    )
    live = _ids(
        demo,
        "SELECT id FROM agreement WHERE country_id = ? AND status IN ('in_force', 'signed')",
        GREECE,
    )
    must = (
        {("visit", VISIT)} | {("cable", i) for i in dispatched} | {("agreement", i) for i in live}
    )
    with Database.open(demo) as db:
        data = BriefService(db).data(VISIT)
    assert data.calls and data.biographies, "the demo visit has calls and biographies"
    assert any(b.previous_contacts for b in data.biographies)
    texts = _texts(demo, "engagement", "title", engagements)
    texts |= _texts(demo, "commitment", "description", commitments)
    _check_each(demo, parts, lambda db: BriefService(db).build(VISIT).pdf, must, texts)


def _texts(path: Path, table: str, column: str, ids: list[int]) -> dict[tuple[str, int], str]:
    """Each record's telling text, e.g. a meeting's title, to find it printed."""
    with closing(sqlite3.connect(path)) as con:
        return {
            (table, i): con.execute(f"SELECT {column} FROM {table} WHERE id = ?", (i,)).fetchone()[
                0
            ]
            for i in ids
        }


def test_cable_banner_follows_subject_paragraphs_and_references(demo: Path) -> None:
    """The cable: its own marking (subject), each paragraph, each cited cable."""
    with closing(sqlite3.connect(demo)) as con:
        con.executemany(
            "INSERT INTO cable_reference (cable_id, position, referenced_id, text) "
            "VALUES (?, ?, ?, '')",
            [(DRAFT_CABLE, 0, 1), (DRAFT_CABLE, 1, 4)],
        )
        con.commit()
    paragraphs = _ids(demo, "SELECT id FROM cable_paragraph WHERE cable_id = ?", DRAFT_CABLE)
    parts = [("cable", DRAFT_CABLE, "classification"), ("cable", 1, "classification")]
    parts += [("cable", 4, "classification")]
    parts += [("cable_paragraph", i, "portion") for i in paragraphs]
    must = {(table, i) for table, i, _column in parts}
    _check_each(demo, parts, lambda db: CableDocuments(db).pdf(DRAFT_CABLE), must)


def test_agreements_register_banner_follows_every_entry(demo: Path) -> None:
    """The agreements register: each agreement of the country."""
    agreements = _ids(demo, "SELECT id FROM agreement WHERE country_id = ?", GREECE)
    parts = [("agreement", i, "classification") for i in agreements]
    must = {(table, i) for table, i, _column in parts}
    _check_each(demo, parts, lambda db: AgreementRegister(db).pdf(GREECE, today=DEMO_DAY), must)


def test_diplomatic_list_banner_follows_every_person_it_names(demo: Path) -> None:
    """The diplomatic list: each head of mission, spouse or person named in a note."""
    people = _ids(demo, "SELECT id FROM person ORDER BY id")
    with Database.open(demo) as db:
        built = DiplomaticListService(db).build(AUSTRIA, DEMO_DAY)
    heads = {("person", entry.person_id) for entry in built.entries}
    assert heads
    parts = [("person", i, "classification") for i in people]
    _check_each(demo, parts, lambda db: DiplomaticListService(db).pdf(AUSTRIA, DEMO_DAY), heads)
