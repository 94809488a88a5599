"""The printed agreements register: furniture on every page, groups in order, every script."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest

from bilatdesk.reports.agreement_records import (
    AgreementEntry,
    AgreementGroup,
    AgreementRegisterData,
)
from bilatdesk.reports.agreements import (
    GENERIC_HEAD,
    near_notice,
    render_agreement_register,
    running_head,
)
from bilatdesk.reports.fonts import register_fonts
from bilatdesk.reports.page import FRAME_BOTTOM, FRAME_TOP
from tests.reports import pdfread

TITLE = "Agreements between Austria and Ruritania"
MARKING = "RESTRICTED"
HEADINGS = ("In force", "Signed, not in force", "Under negotiation", "Expired or ended")
HOSTILE = 'R&D <b> <img src="/etc/passwd"> cooperation'
SCRIPTS = ("Ελληνικά Συμφωνία", "Соглашение о сотрудничестве", "اتفاقية التعاون", "合作协定")
QPDF = shutil.which("qpdf")
PDFTOPPM = shutil.which("pdftoppm")

_SUBJECTS = (
    "the Avoidance of Double Taxation with respect to Taxes on Income and on Capital",
    "Cultural, Educational and Scientific Cooperation",
    "the Reciprocal Promotion and Protection of Investments",
    "Cooperation in the Field of Renewable Energy and Energy Efficiency",
    "Social Security",
    "the Readmission of Persons Residing without Authorisation",
)


def entry(index: int, **changes: str) -> AgreementEntry:
    """A realistic, fully filled agreement line, different for each index."""
    subject = _SUBJECTS[index % len(_SUBJECTS)]
    year = 1990 + index % 35
    base = AgreementEntry(
        title=f"Agreement between the Republic of Austria and Ruritania on {subject} ({index})",
        short_title=f"Agreement No. {index}",
        kind=("Treaty", "Memorandum of understanding", "Exchange of notes")[index % 3],
        status="In force",
        signed=f"12 Mar {year}, Vienna",
        in_force=f"1 Jun {year}",
        expiry=f"31 May {year + 10}" if index % 2 else "Indefinite",
        notice_deadline=f"30 Nov {year + 9}" if index % 2 else "",
        registration=f"UNTS {54000 + index} (3 Jul {year}); national series {year}/{index}",
        portion_mark="(R)" if index % 4 == 0 else "(U)",
        note="Amends the agreement of 1975" if index % 5 == 0 else "",
    )
    return dataclasses.replace(base, **changes)


def register(groups: tuple[AgreementGroup, ...] | None = None) -> AgreementRegisterData:
    """A RESTRICTED register of Austria's agreements; `groups` replaces the default four."""
    if groups is None:
        groups = (
            AgreementGroup(HEADINGS[0], tuple(entry(i) for i in range(3))),
            AgreementGroup(HEADINGS[1], (entry(3, status="Signed, not in force", in_force=""),)),
            AgreementGroup(HEADINGS[2], ()),
            AgreementGroup(HEADINGS[3], (entry(4, status="Expired"),)),
        )
    return AgreementRegisterData(
        title=TITLE,
        classification=MARKING,
        as_of="22 November 2026",
        prepared_by="EMBASSY VIENNA",
        groups=groups,
        produced_at="2026-11-22T15:30:00Z",
    )


def sample_register() -> AgreementRegisterData:
    """A register that shows every feature on page 1, used for the docs image."""
    near = entry(
        1,
        title="Agreement between the Republic of Austria and Ruritania on the Reciprocal "
        "Promotion and Protection of Investments",
        short_title="Investment Protection Agreement",
        note="Notice deadline in 45 days: denounce by then or it renews for 10 years",
    )
    return register(
        (
            AgreementGroup(HEADINGS[0], (entry(0), near, entry(2), entry(5))),
            AgreementGroup(
                HEADINGS[1], (entry(3, status="Signed, not in force", in_force="", expiry=""),)
            ),
            AgreementGroup(HEADINGS[2], ()),
            AgreementGroup(HEADINGS[3], (entry(4, status="Expired"),)),
        )
    )


def _lines(pdf: bytes) -> list[str]:
    return [line.strip() for text in pdfread.page_texts(pdf) for line in text.splitlines()]


def _first(lines: list[str], prefix: str) -> int:
    return next(index for index, line in enumerate(lines) if line.startswith(prefix))


@pytest.fixture(scope="module")
def long_register() -> bytes:
    groups = tuple(
        AgreementGroup(heading, tuple(entry(g * 15 + i) for i in range(15)))
        for g, heading in enumerate(HEADINGS)
    )
    return render_agreement_register(register(groups))


def test_every_page_has_marking_top_and_bottom_and_page_x_of_y(long_register: bytes) -> None:
    """Each page of a 60-entry register prints the marking above and below, and Page x of y."""
    texts = pdfread.page_texts(long_register)
    pages = pdfread.page_runs(long_register)
    assert len(pages) >= 4
    for number, (text, runs) in enumerate(zip(texts, pages, strict=True), start=1):
        marks = [run.y for run in runs if run.text == MARKING and run.font.endswith("Bold")]
        assert any(y > FRAME_TOP for y in marks), number
        assert any(y < FRAME_BOTTOM for y in marks), number
        assert f"Page {number} of {len(texts)}" in text
        assert TITLE in text


def test_no_entry_prints_over_the_banners(long_register: bytes) -> None:
    """Every line of the register itself sits between the running header and the bottom banner."""
    for runs in pdfread.page_runs(long_register):
        body = [r for r in runs if r.text not in {MARKING, TITLE} and "Page" not in r.text]
        assert body
        assert all(FRAME_BOTTOM <= run.y <= FRAME_TOP for run in body)


def test_all_sixty_entries_print_once_in_order(long_register: bytes) -> None:
    """Every entry's short title appears exactly once, in the order given."""
    lines = _lines(long_register)
    found = [line.split("·")[0].strip() for line in lines if line.startswith("Agreement No. ")]
    assert found == [f"Agreement No. {i}" for i in range(60)]


def test_groups_and_entries_print_in_order_and_an_empty_group_is_left_out() -> None:
    """Headings follow the given order, entries sit under theirs; an empty group prints
    nothing, not even its heading."""
    lines = _lines(render_agreement_register(register()))
    assert lines[:3] == [TITLE, "As of 22 November 2026", "Prepared by EMBASSY VIENNA"]
    assert HEADINGS[2] not in lines and "None." not in lines
    positions = [lines.index(heading) for heading in (HEADINGS[0], HEADINGS[1], HEADINGS[3])]
    assert positions == sorted(positions)
    entries = [_first(lines, f"Agreement No. {i} ") for i in range(5)]
    assert positions[0] < entries[0] < entries[1] < entries[2] < positions[1]
    assert positions[1] < entries[3] < positions[2] < entries[4]


def test_an_empty_register_says_so_in_one_sentence() -> None:
    """A register with no agreement prints one sentence and no group heading."""
    empty = register(tuple(AgreementGroup(heading, ()) for heading in HEADINGS))
    lines = _lines(render_agreement_register(empty))
    assert "No agreements are recorded in this register." in lines
    assert not set(HEADINGS) & set(lines)


def test_a_heading_never_ends_a_page(long_register: bytes) -> None:
    """A group heading always shares its page with the group's first entry (or "None.")."""
    for pdf in (long_register, render_agreement_register(sample_register())):
        for runs in pdfread.page_runs(pdf):
            body = [r.text for r in runs if r.text not in {MARKING, TITLE}]
            body = [text for text in body if not text.startswith("Page ")]
            assert body[-1] not in HEADINGS


def test_labels_and_values_share_a_baseline() -> None:
    """The small grey labels sit on the same line as their values, not a point above."""
    runs = pdfread.page_runs(render_agreement_register(register()))[0]
    label = next(r for r in runs if r.text == "Signed")
    value = next(r for r in runs if r.text == "12 Mar 1990, Vienna")
    assert label.y == pytest.approx(value.y, abs=0.1)


def test_empty_groups_not_given_are_not_printed() -> None:
    """Only the groups the data carries print: no invented headings."""
    lines = _lines(render_agreement_register(register((AgreementGroup("In force", (entry(0),)),))))
    assert "In force" in lines
    assert not set(HEADINGS[1:]) & set(lines)
    assert "None." not in lines


def test_entry_prints_every_field() -> None:
    """Portion mark, title, short title, kind, status, dates, registration and note all print."""
    text = "\n".join(pdfread.page_texts(render_agreement_register(register())))
    for expected in (
        "(R) Agreement between the Republic of Austria and Ruritania on the Avoidance",
        "Agreement No. 1 · Memorandum of understanding · In force",
        "12 Mar 1991, Vienna",
        "1 Jun 1991",
        "31 May 2001",
        "30 Nov 2000",
        "UNTS 54001 (3 Jul 1991); national series 1991/1",
        "Amends the agreement of 1975",
    ):
        assert expected in text


def test_hostile_title_prints_literally_and_embeds_no_image() -> None:
    """A title with R&D, <b> and <img src="/etc/passwd"> prints as typed and loads no file."""
    data = register((AgreementGroup("In force", (entry(0, title=HOSTILE, note=HOSTILE),)),))
    pdf = render_agreement_register(data)
    text = "\n".join(pdfread.page_texts(pdf))
    assert f"(R) {HOSTILE}" in text
    assert text.count('<img src="/etc/passwd">') == 2
    assert not pdfread.has_image(pdf)


def test_near_notice_deadline_stands_out() -> None:
    """When the data flags the notice deadline as near, it prints bold; otherwise regular."""
    flagged = dataclasses.replace(entry(1, note="Notice deadline in 45 days"), notice_near=True)
    assert near_notice(flagged) and not near_notice(entry(1))
    no_deadline = dataclasses.replace(entry(0), notice_near=True)
    assert not near_notice(no_deadline)  # no deadline to stress
    for item, bold in ((flagged, True), (entry(1), False)):
        pdf = render_agreement_register(register((AgreementGroup("In force", (item,)),)))
        run = next(r for r in pdfread.page_runs(pdf)[0] if r.text == "30 Nov 2000")
        assert run.font.endswith("Bold") is bold


def test_a_note_mentioning_the_notice_deadline_does_not_stress_it() -> None:
    """The print no longer reads the note's text: only the domain's "near" flag stresses."""
    item = entry(1, note="Amends the notice deadline clause of 2001")
    assert not near_notice(item)
    pdf = render_agreement_register(register((AgreementGroup("In force", (item,)),)))
    run = next(r for r in pdfread.page_runs(pdf)[0] if r.text == "30 Nov 2000")
    assert not run.font.endswith("Bold")


def test_names_in_every_script_print_as_letters() -> None:
    """Greek, Cyrillic, Arabic and Chinese titles print from fonts that have their glyphs."""
    cjk = register_fonts().cjk
    items = tuple(entry(i, title=t, short_title=t) for i, t in enumerate(SCRIPTS))
    pdf = render_agreement_register(register((AgreementGroup("Под переговорами", items),)))
    text = pdfread.page_texts(pdf)[0]
    for name in (*SCRIPTS[:2], SCRIPTS[3], "Под переговорами"):
        assert name in text
    runs = pdfread.page_runs(pdf)[0]
    # Arabic is shaped by HarfBuzz in Noto Sans Arabic (test_scripts checks the copied text).
    assert any(r.font.endswith("NotoSansArabic-Regular") for r in runs)
    assert any("合作协定" in r.text and r.font.endswith("WenQuanYiMicroHei-0") for r in runs)
    assert all(ord(char) in cjk for char in SCRIPTS[3])


def test_fonts_are_embedded() -> None:
    """Every face the register uses carries its font program, so no printer swaps it."""
    items = tuple(entry(i, title=t) for i, t in enumerate(SCRIPTS))
    fonts = pdfread.fonts(render_agreement_register(register((AgreementGroup("X", items),))))
    assert set(fonts) == {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "WenQuanYiMicroHei-0",
        "NotoSansArabic-Regular",
    }
    for name, descriptor in fonts.items():
        assert "/FontFile2" in descriptor, name


@pytest.mark.skipif(QPDF is None, reason="qpdf not installed")
def test_qpdf_check_passes(long_register: bytes, tmp_path: Path) -> None:
    """qpdf finds no structural error in a multi-page register."""
    out = tmp_path / "register.pdf"
    out.write_bytes(long_register)
    result = subprocess.run([str(QPDF), "--check", str(out)], capture_output=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_same_data_gives_identical_bytes() -> None:
    """The same register twice, with another rendered between, gives the same bytes."""
    first = render_agreement_register(register())
    render_agreement_register(sample_register())
    assert render_agreement_register(register()) == first


def test_running_head_falls_back_when_the_title_is_too_long() -> None:
    """A title too wide for the header slot gives "Agreements register", never a clipped title."""
    assert running_head(TITLE) == TITLE
    assert running_head("") == GENERIC_HEAD
    long = (
        "Agreements between the United Kingdom of Great Britain and Northern Ireland and Ruritania"
    )
    assert running_head(long) == GENERIC_HEAD
    pdf = render_agreement_register(dataclasses.replace(register(), title=long))
    assert all(GENERIC_HEAD in text for text in pdfread.page_texts(pdf))


@pytest.mark.timeout(120)  # a guard against a runaway layout, not a speed test
def test_huge_and_hostile_fields_render() -> None:
    """Markup, control characters and 30,000-letter words in every field still lay out."""
    evil = '<img src="/etc/passwd"> <b>x & R&D ]]>\x00\x0c' + "w" * 30_000
    fields = [f.name for f in dataclasses.fields(AgreementEntry)]
    data = AgreementRegisterData(
        title=evil,
        classification=evil,
        as_of=evil,
        prepared_by=evil,
        groups=(AgreementGroup(evil, (AgreementEntry(**dict.fromkeys(fields, evil)),)),),
    )
    pdf = render_agreement_register(data)
    text = "\n".join(pdfread.page_texts(pdf))
    assert '<img src="/etc/passwd"> <b>x & R&D ]]>' in text
    assert "[…truncated]" in text
    assert not pdfread.has_image(pdf)


@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm not installed")
def test_first_page_renders_to_png(tmp_path: Path) -> None:
    """pdftoppm draws page 1 (the docs image is made the same way, at 80 dpi)."""
    pdf = tmp_path / "register.pdf"
    pdf.write_bytes(render_agreement_register(sample_register()))
    cmd = [str(PDFTOPPM), "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*cmd, str(pdf), str(tmp_path / "page1")], check=True)
    assert (tmp_path / "page1.png").stat().st_size > 10_000
