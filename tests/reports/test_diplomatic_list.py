"""The printed diplomatic list: precedence order, the dean marked, furniture, every script."""

from __future__ import annotations

import dataclasses
import re

import pypdfium2
import pytest

from bilatdesk.reports.diplomatic_list import (
    DEAN_MARK,
    GENERIC_HEAD,
    HEADERS,
    DiplomaticListData,
    ListEntry,
    ListGroup,
    render_diplomatic_list,
)
from tests.reports import pdfread

TITLE = "Diplomatic list — Vienna, as of 22 November 2026"
MARKING = "RESTRICTED"
NAMES = ("Ελένη Παπαδοπούλου", "Иван Петров", "ليلى حداد", "王立新")
STATES = ("Greece", "Bulgaria", "Jordan", "China")
HOSTILE = 'R&D <b> <img src="/etc/passwd"> ../../x =cmd|"/c calc"'


def entry(position: int, **changes: object) -> ListEntry:
    base = ListEntry(
        position=position,
        sending_state=f"State {position}",
        mission_name=f"Embassy of State {position}",
        head_name=f"H.E. Person {position}",
        functional_title="Ambassador Extraordinary and Plenipotentiary",
        class_label="Ambassador",
        credentials=f"{position} Mar 2019",
        spouse=f"Spouse {position}" if position % 2 else "",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def sample(count: int = 3, dean_at: int = 1, **changes: object) -> DiplomaticListData:
    """Ambassadors 1..count (the `dean_at`-th marked), an envoy and a chargé a.i. after them."""
    ambassadors = tuple(entry(i, is_dean=i == dean_at) for i in range(1, count + 1))
    envoy = entry(count + 1, class_label="Envoy", head_name=f"Person {count + 1}")
    charge = entry(
        count + 2,
        class_label="Chargé d'affaires a.i.",
        head_name=f"Person {count + 2}",
        credentials="a.i. since 1 Sep 2026",
    )
    data = DiplomaticListData(
        title=TITLE,
        classification=MARKING,
        subtitle="Heads of mission in Austria, in order of precedence",
        prepared_by="EMBASSY VIENNA",
        dean="Dean of the Diplomatic Corps: H.E. Person 1 (State 1), credentials presented "
        "1 Mar 2019.",
        groups=(
            ListGroup("Ambassadors", ambassadors),
            ListGroup("Envoys and ministers", (envoy,)),
            ListGroup("Chargés d'affaires a.i.", (charge,)),
        ),
        notes=("The Embassy of Malta has no head of mission recorded on 22 November 2026.",),
        produced_at="2026-11-22T00:00:00+00:00",
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def long_list() -> bytes:
    """Eighty heads: several pages."""
    return render_diplomatic_list(sample(80, dean_at=1))


def _text(pdf: bytes) -> str:
    return "\n".join(pdfread.page_texts(pdf))


def test_title_groups_and_entries_print_in_order() -> None:
    """Title, subtitle, dean line, then the class groups with entries numbered in order."""
    text = _text(render_diplomatic_list(sample()))
    order = [
        TITLE,
        "Heads of mission in Austria, in order of precedence",
        "Prepared by EMBASSY VIENNA",
        "Ambassadors",
        "H.E. Person 1",
        "H.E. Person 2",
        "H.E. Person 3",
        "Envoys and ministers",
        "Person 4",
        "Chargés d'affaires a.i.",
        "Person 5",
        "Notes",
        "• The Embassy of Malta has no head of mission recorded on 22 November 2026.",
    ]
    at = 0
    for part in order:  # each after the one before
        at = text.index(part, at) + len(part)
    flat = text.replace("\n", " ")  # a narrow header wraps ("Credentials / presented")
    for header in HEADERS:
        assert header in flat
    assert "a.i. since 1 Sep 2026" in flat and "Spouse 1" in text


def test_dean_is_marked_in_bold_with_a_note() -> None:
    """The dean's row says "Dean of the Diplomatic Corps" and prints bold; the others do not."""
    pdf = render_diplomatic_list(sample(dean_at=2))
    text = _text(pdf)
    assert text.count(DEAN_MARK) == 2  # the line under the title and the note in the row
    runs = pdfread.page_runs(pdf)[0]
    note = next(r for r in runs if r.text.endswith(DEAN_MARK) and r.text.startswith("★"))
    assert note.font.endswith("DejaVuSans-Bold")
    for name, bold in (("H.E. Person 2", True), ("H.E. Person 1", False), ("H.E. Person 3", False)):
        run = next(r for r in runs if r.text == name)
        assert run.font.endswith("Bold") is bold, name
    # The dean's note sits just under the dean's name, not elsewhere.
    name = next(r for r in runs if r.text == "H.E. Person 2")
    other = next(r for r in runs if r.text == "H.E. Person 3")
    assert other.y < note.y < name.y


def test_no_dean_prints_no_mark() -> None:
    """Without a dean, no row carries the mark; the sentence saying so prints instead."""
    why = "There is no dean: no ambassador has presented credentials in Greece by 1 May 2026."
    pdf = render_diplomatic_list(sample(dean_at=0, dean=why))
    text = _text(pdf)
    assert why in text and f"★ {DEAN_MARK}" not in text


def test_marking_and_page_numbers_on_every_page(long_list: bytes) -> None:
    """A long list runs over pages; each has the marking top and bottom and "Page x of y"."""
    runs = pdfread.page_runs(long_list)
    total = len(runs)
    assert total >= 3
    for number, page in enumerate(runs, start=1):
        texts = [r.text for r in page]
        assert texts.count(MARKING) == 2, number
        assert f"Page {number} of {total}" in texts
        assert TITLE in texts  # the running head
        assert "Head of mission" in texts  # the table header repeats


def test_every_entry_prints_once_in_order(long_list: bytes) -> None:
    """Eighty numbered entries, each once, in order across the pages."""
    text = _text(long_list)
    found = [text.index(f"H.E. Person {i}\n") for i in range(1, 81)]
    assert found == sorted(found)


def test_first_page_renders_not_blank(long_list: bytes) -> None:
    """pdfium draws the first page with ink on it (text and the table's rules)."""
    document = pypdfium2.PdfDocument(long_list)
    try:
        image = document[0].render(scale=0.5).to_pil().convert("L")
    finally:
        document.close()
    inked = sum(image.histogram()[:200])  # pixels darker than a light grey
    assert inked > 0.01 * image.width * image.height


def test_names_in_every_script_print_as_letters() -> None:
    """Greek, Cyrillic, Arabic (shaped) and Chinese names print from fonts with the glyphs."""
    items = tuple(
        entry(i + 1, head_name=f"H.E. {name}", sending_state=state, spouse=name)
        for i, (name, state) in enumerate(zip(NAMES, STATES, strict=True))
    )
    pdf = render_diplomatic_list(sample(groups=(ListGroup("Ambassadors", items),)))
    text = pdfread.page_texts(pdf)[0]
    for name in (NAMES[0], NAMES[1], NAMES[3]):
        assert name in text
    runs = pdfread.page_runs(pdf)[0]
    # Arabic is shaped by HarfBuzz in Noto Sans Arabic (test_scripts checks the copied text).
    assert any(r.font.endswith("NotoSansArabic-Regular") for r in runs)
    assert any("王立新" in r.text and r.font.endswith("WenQuanYiMicroHei-0") for r in runs)
    fonts = pdfread.fonts(pdf)
    assert set(fonts) == {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "WenQuanYiMicroHei-0",
        "NotoSansArabic-Regular",
    }


def test_original_script_prints_under_the_name() -> None:
    """A name in its own script prints with the Latin one, once."""
    item = entry(1, head_name="H.E. Lixin Wang", name_original="王立新")
    text = _text(render_diplomatic_list(sample(groups=(ListGroup("Ambassadors", (item,)),))))
    assert "H.E. Lixin Wang" in text and text.count("王立新") == 1


def test_same_data_gives_identical_bytes() -> None:
    """The same list twice, with another rendered between, gives the same bytes."""
    first = render_diplomatic_list(sample())
    render_diplomatic_list(sample(7, dean_at=3))
    assert render_diplomatic_list(sample()) == first


def test_empty_list_says_so() -> None:
    """A capital with no heads recorded prints a sentence, not an empty page."""
    text = _text(render_diplomatic_list(sample(groups=(), notes=())))
    assert "No head of mission is recorded on this date." in text
    assert "Notes" not in text


@pytest.mark.timeout(120)  # a guard against a runaway layout, not a speed test
def test_hostile_and_huge_fields_print_literally() -> None:
    """Markup, paths and formulas print as typed; 30,000-letter words still lay out quickly."""
    item = entry(1, head_name=HOSTILE, sending_state=HOSTILE, spouse=HOSTILE)
    pdf = render_diplomatic_list(sample(groups=(ListGroup("Ambassadors", (item,)),)))
    text = _text(pdf).replace("\n", " ")
    assert text.count('<img src="/etc/passwd">') >= 2  # the narrow spouse column wraps it
    assert text.count("R&D <b>") == 3 and text.count("../../x") == 3
    assert not pdfread.has_image(pdf)
    evil = "<b>x & R&D\x00\x0c" + "w" * 30_000
    fields = {f.name: evil for f in dataclasses.fields(ListEntry) if f.type == "str"}
    huge = ListEntry(position=1, is_dean=True, **fields)  # type: ignore[arg-type]
    pdf = render_diplomatic_list(
        DiplomaticListData(
            title=evil,
            classification=evil,
            subtitle=evil,
            prepared_by=evil,
            dean=evil,
            groups=(ListGroup(evil, (huge,)),),
            notes=(evil,),
        )
    )
    assert all(GENERIC_HEAD in t for t in pdfread.page_texts(pdf))


def test_a_class_continued_on_the_next_page_says_so_and_no_date_is_split() -> None:
    """A class that runs onto a new page repeats its heading with "(continued)"; every date
    prints whole on one line."""
    pdf = render_diplomatic_list(sample(60))
    pages = pdfread.page_texts(pdf)
    assert len(pages) > 1
    assert pages[1].startswith("Ambassadors (continued)")
    assert "(continued)" not in pages[0]
    for runs in pdfread.page_runs(pdf):
        for run in runs:
            assert not re.fullmatch(r"\d{1,2} \w{3} \d{1,3}", run.text), run.text
