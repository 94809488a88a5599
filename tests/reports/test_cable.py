"""The printed cable: header in order, numbered and portion-marked paragraphs, every script."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from bilatdesk.reports.cable import body_markup, header_rows, render_cable
from bilatdesk.reports.fonts import register_fonts
from bilatdesk.reports.records import CableData, CableParagraph, Section
from tests import paths
from tests.reports import pdfread
from tests.reports.cables import MARKING, NAMES, cable, paragraphs

ROOT = paths.ROOT
EXISTING_IMAGE = ROOT / "docs" / "screenshot-main.png"


def _text(data: CableData) -> str:
    return "\n".join(pdfread.page_texts(render_cable(data)))


def _lines(data: CableData) -> list[str]:
    return [line.strip() for line in _text(data).splitlines()]


def test_header_prints_in_domain_order() -> None:
    """Header labels follow DOMAIN.md: marking, precedence, DTG, FM, TO ... nature."""
    labels = [
        "CLASSIFICATION",
        "PRECEDENCE",
        "DTG",
        "FM",
        "TO",
        "INFO",
        "SERIAL",
        "SUBJECT",
        "REF",
        "TAGS",
        "CLASSIFIED BY",
        "REASON",
        "DECLASSIFY ON",
        "NATURE",
    ]
    assert [label for label, _ in header_rows(cable())] == labels
    lines = _lines(cable())
    positions = [lines.index(label) for label in labels]
    assert positions == sorted(positions)
    assert lines[lines.index("CLASSIFICATION") + 1] == MARKING
    assert lines[lines.index("DTG") + 1] == "221530Z NOV 26"


def test_references_are_lettered_one_per_line() -> None:
    """Each earlier cable prints on its own line as (A) serial, (B) serial."""
    lines = _lines(cable())
    start = lines.index("REF")
    assert lines[start + 1 : start + 3] == ["(A) VIE 2026/003", "(B) VIE 2026/011"]


def test_precedence_carries_deskby_or_night_action() -> None:
    """DESKBY and NIGHT ACTION print under the precedence when they are set."""
    assert "DESKBY 231200Z NOV 26" in _lines(cable())
    night = cable(deskby="", night_action="Minister sees the Chancellor at 0800")
    assert "NIGHT ACTION: Minister sees the Chancellor at 0800" in _lines(night)


def test_empty_optional_fields_are_left_out() -> None:
    """A cable without INFO, REF or TAGS prints no empty rows for them."""
    labels = [label for label, _ in header_rows(cable(info=(), references=(), tags=()))]
    assert "INFO" not in labels and "REF" not in labels and "TAGS" not in labels


def test_single_paragraph_is_not_numbered_but_marked() -> None:
    """A one-paragraph cable prints "(C) text": portion mark, no number."""
    data = cable(paragraphs=(CableParagraph("Only point.", "(C)"),))
    assert body_markup(data.paragraphs) == ["(C) Only point."]
    assert "(C) Only point." in _lines(data)
    assert "1. (C) Only point." not in _text(data)


def test_paragraphs_are_numbered_with_their_portion_marks() -> None:
    """Paragraphs print "1. (C) ...", "2. (S) ...": number, then the paragraph's own mark."""
    data = cable(paragraphs=(CableParagraph("First.", "(C)"), CableParagraph("Second.", "(S)")))
    lines = _lines(data)
    assert "1. (C) First." in lines
    assert "2. (S) Second." in lines


def test_summary_and_comment_are_delimited() -> None:
    """A run of SUMMARY paragraphs opens "Summary:" and closes "End summary."; COMMENT too."""
    data = (
        CableParagraph("Gist.", "(C)", Section.SUMMARY),
        CableParagraph("More gist.", "(C)", Section.SUMMARY),
        CableParagraph("Facts.", "(C)"),
        CableParagraph("View.", "(S)", Section.COMMENT),
        CableParagraph("Ask.", "(U)", Section.ACTION),
        CableParagraph("Second ask.", "(U)", Section.ACTION),
    )
    text = _text(cable(paragraphs=data))
    assert "1. (C) Summary: Gist." in text
    assert "2. (C) More gist. End summary." in text
    assert "3. (C) Facts." in text
    assert "4. (S) Comment: View. End comment." in text
    assert "5. (U) Action requested: Ask." in text
    assert "6. (U) Second ask." in text
    assert text.count("Summary:") == 1 and text.count("Action requested:") == 1


def test_signature_closes_the_cable() -> None:
    """The head of mission's surname is the last thing printed before the bottom banner."""
    last_page = pdfread.page_runs(render_cable(cable()))[-1]
    body = [run.text for run in last_page if run.text not in (MARKING, "VIE 2026/017")]
    body = [text for text in body if not text.startswith("Page ")]
    assert body[-1] == "BERGER"


def test_draft_prints_draft_for_serial_and_dtg_with_a_watermark() -> None:
    """A draft shows DRAFT as serial and DTG and in the running head, over a large watermark
    drawn as an image: its letters are not in the text a reader copies out."""
    pdf = render_cable(cable(draft=True, serial="", dtg=""))
    lines = [line.strip() for line in pdfread.page_texts(pdf)[0].splitlines()]
    assert lines[lines.index("DTG") + 1] == "DRAFT"
    assert lines[lines.index("SERIAL") + 1] == "DRAFT"
    final = render_cable(cable())
    for page, runs in zip(pdfread.reader(pdf).pages, pdfread.page_runs(pdf), strict=True):
        assert not any(run.size >= 60 for run in runs)
        assert any(run.text == "DRAFT" and run.size < 12 for run in runs)
        assert len(page.images) == 1  # the watermark
    assert all(len(page.images) == 0 for page in pdfread.reader(final).pages)
    # Each DRAFT the text layer holds is one the page prints as text: head, DTG, serial.
    texts = pdfread.page_texts(pdf)
    assert "\n".join(texts).count("DRAFT") == len(texts) + 2


def test_dispatched_cable_has_no_watermark() -> None:
    """A dispatched cable prints no DRAFT anywhere."""
    assert "DRAFT" not in _text(cable())


def test_names_in_every_script_print_as_letters() -> None:
    """Latin, Greek, Cyrillic, Arabic and Chinese names print from fonts that have their glyphs."""
    sans, cjk = register_fonts().sans, register_fonts().cjk
    names = CableParagraph("Present: " + ", ".join(NAMES) + ".", "(C)")
    pdf = render_cable(cable(paragraphs=(names,)))
    text = pdfread.page_texts(pdf)[0]
    for name in ("Müller", "Ελένη Παπαδοπούλου", "Иван Петров", "王立新"):
        assert name in text
    runs = pdfread.page_runs(pdf)[0]
    chinese = next(run for run in runs if "王立新" in run.text)
    assert chinese.font.endswith("WenQuanYiMicroHei-0")
    assert all(ord(char) in cjk for char in "王立新")
    # Arabic is shaped by HarfBuzz in Noto Sans Arabic (test_scripts checks the copied text).
    assert any(run.font.endswith("+NotoSansArabic-Regular") for run in runs)
    assert all(ord(char) in sans for char in "Müller")


def test_hostile_text_prints_literally_and_opens_no_file() -> None:
    """Tags, ampersands and CDATA ends print as typed; no <img> is ever loaded."""
    hostile = (
        f'<img src="/etc/passwd"> <img src="{EXISTING_IMAGE}"> <img src="/no/such/file.png">',
        "<b>unclosed",
        "& R&D ]]>",
    )
    data = cable(subject=hostile[0], paragraphs=tuple(CableParagraph(t, "(C)") for t in hostile))
    pdf = render_cable(data)
    text = "\n".join(pdfread.page_texts(pdf))
    # A long checkout path wraps across lines in the PDF: compare the path without white space.
    unwrapped = "".join(text.split())
    assert "".join(f'<img src="{EXISTING_IMAGE}">'.split()) in unwrapped
    assert '<img src="/etc/passwd">' in text
    assert "2. (C) <b>unclosed" in text
    assert "3. (C) & R&D ]]>" in text
    assert not pdfread.has_image(pdf)


def test_image_check_sees_an_image_when_one_is_loaded(tmp_path: Path) -> None:
    """Control: unescaped, reportlab does embed the file, and has_image catches it."""
    out = tmp_path / "raw.pdf"
    style = ParagraphStyle("raw")
    SimpleDocTemplate(str(out)).build(
        [Paragraph(f'<img src="{EXISTING_IMAGE}" width="20" height="20"/>', style)]
    )
    assert pdfread.has_image(out.read_bytes())


@pytest.mark.timeout(120)  # a guard against a runaway layout, not a speed test
def test_hostile_text_in_every_field_renders() -> None:
    """Every string field holding markup, control characters and huge text still renders."""
    evil = '<img src="/etc/passwd"> <b>x & R&D ]]>\x00\x0c' + "w" * 30_000
    fields = (
        "classification",
        "caveats",
        "precedence",
        "deskby",
        "night_action",
        "dtg",
        "serial",
        "from_post",
        "subject",
        "classified_by",
        "classification_reason",
        "declassify_on",
        "nature",
        "signature",
    )
    data = cable(
        **dict.fromkeys(fields, evil),
        to=(evil, *(f"<b>POST {n}" for n in range(300))),
        info=(evil,),
        references=((evil, evil),),
        tags=(evil,),
        paragraphs=(CableParagraph(evil, evil, Section.SUMMARY),),
    )
    pdf = render_cable(data)
    text = "\n".join(pdfread.page_texts(pdf))
    assert '<img src="/etc/passwd"> <b>x & R&D ]]>' in text
    assert "[…truncated]" in text and "[…201 more]" in text
    assert not pdfread.has_image(pdf)


@pytest.mark.timeout(120)  # a guard against a runaway layout, not a speed test
def test_twenty_thousand_character_word_renders() -> None:
    """One 20,000-letter word with no space is laid out, wrapped (its speed is a benchmark)."""
    register_fonts()
    data = cable(paragraphs=(CableParagraph("z" * 20_000, "(C)"),))
    pdf = render_cable(data)
    assert "".join(pdfread.page_texts(pdf)).count("z") >= 20_000


def test_signature_never_stands_alone_on_a_page() -> None:
    """Whatever the body's length, the signature's page also holds the end of the body."""
    for count in range(1, 13):
        last_page = pdfread.page_runs(render_cable(cable(paragraphs=paragraphs(count))))[-1]
        body = [run for run in last_page if run.text not in (MARKING, "VIE 2026/017")]
        body = [run for run in body if not run.text.startswith("Page ")]
        assert body[-1].text == "BERGER"
        assert len(body) > 1, count


def test_signature_takes_only_the_last_lines_of_a_long_last_paragraph() -> None:
    """A last paragraph that does not fit page 1 starts there: only its last two lines move
    over with the signature, so page 1 is not left half empty."""
    long_last = CableParagraph(" ".join(["The minister's closing remarks ran long."] * 20), "(C)")
    pdf = render_cable(cable(paragraphs=(*paragraphs(3), long_last)))
    texts = pdfread.page_texts(pdf)
    assert len(texts) == 2
    assert "4. (C) The minister's" in texts[0]
    moved = texts[1].split("BERGER")[0].strip().splitlines()
    assert len(moved) == 2 and moved[-1].endswith("ran long.")
