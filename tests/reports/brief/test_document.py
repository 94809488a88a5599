"""The printed visit brief: contents that tell the truth, furniture everywhere, every part said."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf.generic import DictionaryObject

from bilatdesk.reports.brief.bios import BAD_PHOTO, NO_PHOTO
from bilatdesk.reports.brief.document import render_brief
from bilatdesk.reports.brief.records import (
    AgreementLine,
    AgreementsPart,
    BriefData,
    Labelled,
    ProgrammeDay,
    ProgrammeItem,
    Section,
)
from bilatdesk.reports.page import FRAME_BOTTOM, FRAME_TOP
from tests.reports import pdfread
from tests.reports.brief.samples import (
    MARKING,
    NAMES,
    SECTIONS,
    TITLE,
    biography,
    call,
    empty_brief,
    full_brief,
    png,
)

QPDF = shutil.which("qpdf")
HOSTILE = 'R&D <b> <img src="/etc/passwd"> &amp; </font>'
LONG_WORD = "x" * 20_000
SECTION_SIZE = 16  # the section heading's font size, to tell it from the same words elsewhere


@pytest.fixture(scope="module")
def full() -> bytes:
    return render_brief(full_brief())


@pytest.fixture(scope="module")
def hostile() -> bytes:
    return render_brief(hostile_brief())


def flat(text: str) -> str:
    return " ".join(text.split())


def heading_pages(pdf: bytes) -> dict[str, int]:
    """The page (1-based) on which each section heading is drawn."""
    found: dict[str, int] = {}
    for number, runs in enumerate(pdfread.page_runs(pdf), start=1):
        for run in runs:
            if run.size == SECTION_SIZE and run.text in SECTIONS:
                found.setdefault(run.text, number)
    return found


def contents_pages(pdf: bytes) -> dict[str, int]:
    """The page number the contents (page 2, after the cover) print beside each section title."""
    runs = pdfread.page_runs(pdf)[1]
    listed: dict[str, int] = {}
    for run in runs:
        if run.text in SECTIONS and run.size != SECTION_SIZE:
            numbers = [
                re.search(r"(\d+)$", other.text)
                for other in runs
                if abs(other.y - run.y) < 1 and other is not run
            ]
            listed[run.text] = int(next(m for m in numbers if m).group(1))
    return listed


def images_on(page: DictionaryObject) -> int:
    resources = page["/Resources"].get_object()
    assert isinstance(resources, DictionaryObject)
    xobjects = resources.get("/XObject")
    if xobjects is None:
        return 0
    found = xobjects.get_object()
    assert isinstance(found, DictionaryObject)
    return sum(1 for ref in found.values() if ref.get_object()["/Subtype"] == "/Image")


def hostile_brief() -> BriefData:
    item = ProgrammeItem(
        HOSTILE, HOSTILE, HOSTILE, (HOSTILE,), (LONG_WORD,), (Labelled(HOSTILE, HOSTILE),)
    )
    section = Section(HOSTILE, (Labelled(HOSTILE, HOSTILE), Labelled("Long", LONG_WORD)))
    return BriefData(
        title=HOSTILE,
        classification=MARKING,
        version=HOSTILE,
        prepared_by=HOSTILE,
        produced_at="2026-11-20T10:00:00Z",
        steering=section,
        programme=(ProgrammeDay(HOSTILE, (item,)),),
        calls=(call(0, title=HOSTILE, objectives=LONG_WORD, missing=(HOSTILE,)),),
        biographies=(biography(1, name=HOSTILE, biography=LONG_WORD, source=HOSTILE),),
        key_facts=section,
        relations=section,
        agreements=AgreementsPart(((HOSTILE, (AgreementLine(HOSTILE, LONG_WORD),)),)),
        protocol=section,
    )


def test_full_brief_has_every_section(full: bytes) -> None:
    """A full brief runs to at least 8 pages and draws every section heading after the cover."""
    pages = heading_pages(full)
    assert len(pdfread.page_texts(full)) >= 8
    assert set(pages) == set(SECTIONS)
    assert [pages[title] for title in SECTIONS] == sorted(pages.values())
    assert min(pages.values()) > 1


def test_contents_give_the_page_each_heading_is_on(full: bytes) -> None:
    """The contents list every section with the page number its heading is actually drawn on."""
    assert contents_pages(full) == heading_pages(full)


def test_a_brief_is_laid_out_twice_not_three_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """The contents are laid out at their full length from the first pass, so the second pass
    confirms every page number: two passes, where empty contents on the first needed three.
    The page numbers stay true (the test above, on the same brief)."""
    from bilatdesk.reports import page

    passes: list[int] = []
    build = page.BaseDocTemplate.multiBuild

    def counted(self: object, *args: object, **kwargs: object) -> int:
        passes.append(build(self, *args, **kwargs))
        return passes[-1]

    monkeypatch.setattr(page.BaseDocTemplate, "multiBuild", counted)
    pdf = render_brief(full_brief())
    assert passes == [2]
    assert contents_pages(pdf) == heading_pages(pdf)


def test_major_parts_start_new_pages_and_sections_flow(full: bytes) -> None:
    """The four parts (steering, calls, biographies, key facts) each open a page after the
    cover and the contents; the sections of the background part flow on without a break."""
    pages = heading_pages(full)
    parts = [pages[name] for name in ("Steering brief", "Call briefs", "Biographies", "Key facts")]
    assert parts[0] == 3 and parts == sorted(set(parts))
    runs = pdfread.page_runs(full)
    for page in parts:  # the part's heading is the first thing on its page
        body = [r for r in runs[page - 1] if FRAME_BOTTOM < r.y < FRAME_TOP]
        assert body[0].size == SECTION_SIZE
    assert pages["State of relations"] - pages["Key facts"] <= 1


def test_every_page_has_marking_top_and_bottom_and_page_x_of_y(full: bytes) -> None:
    """Every page, cover included, prints the marking above and below and "Page x of y"."""
    texts = pdfread.page_texts(full)
    for number, (runs, text) in enumerate(zip(pdfread.page_runs(full), texts, strict=True), 1):
        marks = [run.y for run in runs if run.text == MARKING and run.font.endswith("Bold")]
        assert any(y > FRAME_TOP for y in marks), number
        assert any(y < FRAME_BOTTOM for y in marks), number
        assert f"Page {number} of {len(texts)}" in text


def test_cover_names_visit_version_author_and_date(full: bytes) -> None:
    """The cover, a page of its own, carries the title, the marking, version, prepared by,
    the date, the handling line and the copy number; the contents are on the next page."""
    cover = flat(pdfread.page_texts(full)[0])
    for expected in (
        TITLE,
        "Version 3",
        "Prepared by Europe Desk — Zoë Dvořák",
        "20 November",
        "Handling:",
        "Copy no. 1",
    ):
        assert expected in cover
    assert "Contents" not in cover


def test_every_script_and_portion_mark_prints(full: bytes) -> None:
    """Greek, Cyrillic, Chinese and accented names print, with portion marks before items."""
    text = flat(" ".join(pdfread.page_texts(full)))
    for name, script, _ in NAMES:
        assert name in text
        if script and not script.startswith("ف"):  # Arabic is shaped: checked in test_text
            assert script in text
    assert "(C) Call on Eleni Papadopoulou" in text
    assert "(U) Meeting with" in text
    assert "(R) Eleni Papadopoulou" in text


def test_photo_is_drawn_beside_its_biography(full: bytes) -> None:
    """The page of a biography with a photo holds an image; one without says so."""
    reader = pdfread.reader(full)
    texts = pdfread.page_texts(full)
    with_photo = next(i for i, t in enumerate(texts) if "(R) Eleni Papadopoulou" in t)
    assert images_on(reader.pages[with_photo]) >= 1
    assert NO_PHOTO in flat(" ".join(texts))
    assert sum(images_on(page) for page in reader.pages) == 2


def test_unreadable_photo_prints_a_note_not_a_crash() -> None:
    """Garbage or truncated photo bytes print "Photo could not be read." and no image."""
    broken = png((10, 20, 30))[:60]
    people = (biography(0, photo=b"\x89PNG garbage"), biography(1, photo=broken))
    pdf = render_brief(full_brief(biographies=people))
    text = flat(" ".join(pdfread.page_texts(pdf)))
    assert text.count(BAD_PHOTO) == 2
    assert not pdfread.has_image(pdf)


def test_missing_parts_print_their_sentences() -> None:
    """A brief with nothing planned prints every part's "Not available" sentence, short."""
    pdf = render_brief(empty_brief())
    texts = pdfread.page_texts(pdf)
    text = flat(" ".join(texts))
    assert len(texts) == 2 + 4  # cover, contents, and the four parts
    assert contents_pages(pdf) == heading_pages(pdf)
    for sentence in (
        "Steering brief not yet cleared.",
        "No engagements are planned inside the visit's dates.",
        "no meetings are planned.",
        "no biographies are on file.",
        "No head of state recorded.",
        "No relationship recorded.",
        "no agreements are recorded with this country.",
        "No protocol notes recorded.",
    ):
        assert f"Not available: {sentence}" in text


def test_call_missing_sentence_prints(full: bytes) -> None:
    """A call's own missing sentence prints as "Not available: …" within that call."""
    text = flat(" ".join(pdfread.page_texts(full)))
    assert "Not available: No earlier meeting with this interlocutor recorded." in text


def test_hostile_text_prints_literally(hostile: bytes) -> None:
    """Markup, entities and a 20,000-character word print as text, never as tags or images."""
    text = flat(" ".join(pdfread.page_texts(hostile)))
    assert HOSTILE in text
    assert "xxxxxxxxxx" in text
    assert not pdfread.has_image(hostile)


def test_fonts_are_embedded(full: bytes, hostile: bytes) -> None:
    """Only the shipped faces are used, each embedded; Helvetica never appears."""
    for pdf in (full, hostile):
        fonts = pdfread.fonts(pdf)
        assert set(fonts) <= {
            "DejaVuSans",
            "DejaVuSans-Bold",
            "WenQuanYiMicroHei-0",
            "NotoSansArabic-Regular",
        }
        for name, descriptor in fonts.items():
            assert "/FontFile2" in descriptor, name


@pytest.mark.skipif(QPDF is None, reason="qpdf not installed")
def test_qpdf_check_passes(full: bytes, hostile: bytes, tmp_path: Path) -> None:
    """qpdf finds no structural error in the full and the hostile brief."""
    for name, pdf in (("full", full), ("hostile", hostile)):
        out = tmp_path / f"{name}.pdf"
        out.write_bytes(pdf)
        result = subprocess.run([str(QPDF), "--check", str(out)], capture_output=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_same_data_gives_identical_bytes(full: bytes) -> None:
    """The same brief rendered again, after another, gives the same bytes."""
    render_brief(empty_brief())
    assert render_brief(full_brief()) == full
