"""Complex scripts: shaped, each line in bidirectional order, copied out as text, fonts embedded."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from io import BytesIO
from pathlib import Path

import pytest
from reportlab.platypus import SimpleDocTemplate

from bilatdesk.reports.cable import render_cable
from bilatdesk.reports.fonts import missing_characters
from bilatdesk.reports.records import CableParagraph
from bilatdesk.reports.shaping import runs
from bilatdesk.reports.styles import BODY
from bilatdesk.reports.text import TextParagraph, markup, paragraph
from tests.reports import pdfread
from tests.reports.cables import cable

NAMES = {
    "Arabic": "عبد الله",
    "Hebrew": "דוד בן גוריון",
    "Devanagari": "नरेन्द्र मोदी",
    "Thai": "ประยุทธ์ จันทร์โอชา",
    "Ethiopic": "አቢይ አሕመድ",
    "Tamil": "மு. க. ஸ்டாலின்",
    "Sinhala": "රනිල් වික්‍රමසිංහ",
    "Khmer": "ហ៊ុន សែន",
    "Bengali": "শেখ হাসিনা",
    "Gujarati": "ભૂપેન્દ્ર પટેલ",
    "Gurmukhi": "ਭਗਵੰਤ ਮਾਨ",
    "Chinese": "习近平",
    "Greek": "Κυριάκος Μητσοτάκης",
    "Cyrillic": "Владимир Путин",
}
# Harder words of the same scripts: split and pre-base vowels, conjuncts, subscripts, marks.
WORDS = {
    "Arabic": "مُحَمَّدٌ كِتَابًا لا سلام الأمم",
    "Hebrew": "שָׁלוֹם ירושלים",
    "Devanagari": "प्रधानमंत्री किताब",
    "Thai": "ประเทศไทย กรุงเทพมหานคร",
    "Ethiopic": "ኢትዮጵያ አዲስ አበባ",
    "Tamil": "தமிழ்நாடு கொடை சென்னை",
    "Sinhala": "ශ්‍රී ලංකා කොළඹ",
    "Khmer": "កម្ពុជា ស្រី ភ្នំពេញ",
    "Bengali": "কোলকাতা কি প্রধানমন্ত্রী",
    "Gujarati": "ગુજરાત કિ અમદાવાદ",
    "Gurmukhi": "ਪੰਜਾਬ ਕਿ ਅੰਮ੍ਰਿਤਸਰ",
    "Chinese": "中华人民共和国",
    "Greek": "Ἀθῆναι Ελλάδα",
    "Cyrillic": "Москва Україна",
}
ARABIC = (
    "قال الوزير: «العلاقات بين بلدينا متينة منذ عام 1992 (أي منذ 33 سنة)». "
    "وسيزور Vienna في 12 مايو، وستوقع الاتفاقية رقم 45 قريبا. "
) * 3
HEBREW = "השגריר אמר: היחסים טובים מאוד מאז 1992 (לפני 33 שנים). השר יבקר ב-Vienna ב-12 במאי. " * 3


def _pdf(*texts: str) -> bytes:
    out = BytesIO()
    SimpleDocTemplate(out, invariant=1).build([paragraph(text, BODY) for text in texts])
    return out.getvalue()


def _pdftotext(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    # Direction marks poppler adds around right-to-left runs, and the zero-width space that
    # stands for the second glyph of a cluster, are no letters.
    return _plain(text)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in text if unicodedata.category(c) != "Cf"))


def test_a_long_rtl_line_reads_right_to_left_in_order() -> None:
    """Each line of a long Arabic paragraph reads right to left; Latin and numbers stay whole."""
    para = TextParagraph(markup(ARABIC), BODY)
    para.wrap(300, 1000)
    lines = para.blPara.lines
    assert len(lines) >= 4
    typed = ARABIC.split()
    position = 0
    for line in lines:
        pieces = [(f, f.text) for f in line.words if getattr(f, "text", "")]
        logical = "".join(text for _, text in pieces)
        visual = runs(pieces, rtl=True)
        # Right to left: the line's first word is drawn rightmost (last), its last word first.
        drawn = [text for _, text, _ in visual if text.strip()]
        first, last = logical.split()[0], logical.split()[-1]
        assert first.strip("«»():.،") in drawn[-1] or drawn[-1] in first, (first, drawn)
        assert last.strip("«»():.،") in drawn[0] or drawn[0] in last, (last, drawn)
        assert any(rtl and re.search("[\u0600-\u06ff]", t) for _, t, rtl in visual)
        # Latin and numbers are left to right, unbroken.
        for _, text, rtl in visual:
            if re.fullmatch(r"[A-Za-z0-9]+", text):
                assert not rtl
        # Lines follow each other in reading order: each continues where the last stopped.
        words = logical.split()
        assert typed[position : position + len(words)] == words
        position += len(words)
    assert position == len(typed)


def test_hebrew_paragraph_lines_in_order() -> None:
    """A long Hebrew paragraph breaks into lines that keep the typed order of its words."""
    para = TextParagraph(markup(HEBREW), BODY)
    para.wrap(300, 1000)
    assert para.style.alignment == 2  # flush right
    words = [w for line in para.blPara.lines for w in "".join(f.text for f in line.words).split()]
    assert words == HEBREW.split()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("script", list(NAMES))
def test_every_script_copies_out_as_text(script: str, tmp_path: Path) -> None:
    """Names and harder words in each script copy out of the PDF as the letters typed."""
    for typed in (NAMES[script], WORDS[script]):
        text = _pdftotext(_pdf(typed), tmp_path)
        assert _plain(typed) in text.replace("\n", " "), (typed, text)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_arabic_marks_stay_on_their_letters_when_copied(tmp_path: Path) -> None:
    """Shadda and tanwin copy out after their letters, on their line; lam-alef reads لا."""
    text = _pdftotext(_pdf("كتب مُحَمَّدٌ كِتَابًا"), tmp_path).strip()
    assert text == "كتب مُحَمَّدٌ كِتَابًا"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("typed", [ARABIC, HEBREW], ids=["Arabic", "Hebrew"])
def test_long_rtl_paragraphs_copy_out_word_for_word(typed: str, tmp_path: Path) -> None:
    """Every right-to-left word of a paragraph of several lines copies out whole, in order."""
    # Hebrew and Arabic letters with their marks; punctuation is placed by the reader's guess.
    words = re.compile("[\u0591-\u05c7\u05d0-\u05ea\u0621-\u065f\u0670]+")
    text = _pdftotext(_pdf(typed), tmp_path)
    assert text.count("\n") >= 3
    assert words.findall(text) == words.findall(typed)


def test_a_joiner_keeps_every_letter_of_its_line() -> None:
    """A zero-width joiner (dropped by bidi rule X9) does not cost the line its last letter."""
    typed = "ශ්\u200dරී ලංකා කොළඹ"
    visual = runs([(None, typed)], rtl=False)
    assert "".join(text for _, text, _ in visual) == typed


SCRIPT_PARAGRAPHS = {
    "Arabic": ARABIC,
    "Arabic marks": (WORDS["Arabic"] + " عبد الله ") * 10,
    "Hebrew": HEBREW,
    **{script: (NAMES[script] + " " + WORDS[script] + " ") * 8
       for script in ("Devanagari", "Tamil", "Sinhala", "Khmer", "Bengali", "Thai")},
    "mixed": "The minister नरेन्द्र मोदी met عبد الله and ประยุทธ์ in Vienna. " * 6,
}  # fmt: skip


@pytest.mark.parametrize("script", list(SCRIPT_PARAGRAPHS))
@pytest.mark.parametrize("width", [120.0, 200.0, 300.0, 451.0])
def test_no_shaped_line_is_wider_than_its_frame(script: str, width: float) -> None:
    """Lines are broken at their shaped widths: none, as drawn, runs past the frame."""
    para = TextParagraph(markup(SCRIPT_PARAGRAPHS[script]), BODY)
    para.wrap(width, 10_000)
    drawn = para._visual(para.blPara).lines
    assert len(drawn) >= 2
    for line in drawn:
        assert line.currentWidth <= width + 1e-6
    # Measured by HarfBuzz, lines are filled, not cut short by letters' unshaped widths.
    assert max(line.currentWidth for line in drawn) > width * 0.85


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_allah_prints_as_letters(tmp_path: Path) -> None:
    """الله is shaped (no U+FDF2 box) and copies out as its letters."""
    text = _pdftotext(_pdf("الله"), tmp_path)
    assert "الله" in text
    assert "\ufdf2" not in text


def test_fonts_are_embedded_and_the_pdf_is_clean(tmp_path: Path) -> None:
    """Every face carries its font program; qpdf finds nothing wrong (marked spans included)."""
    body = CableParagraph(" ".join((*NAMES.values(), *WORDS.values(), ARABIC, HEBREW)), "(C)")
    pdf = render_cable(cable(paragraphs=(body,)))
    fonts = pdfread.fonts(pdf)
    assert {"NotoSansDevanagari-Regular", "NotoSansEthiopic-Regular"} <= set(fonts)
    for name, descriptor in fonts.items():
        assert "/FontFile2" in descriptor, name
    if shutil.which("qpdf"):
        path = tmp_path / "out.pdf"
        path.write_bytes(pdf)
        assert (
            subprocess.run(
                ["qpdf", "--check", str(path)], check=False, capture_output=True
            ).returncode
            == 0
        )


def test_emoji_prints_as_its_name_and_is_reported() -> None:
    """An emoji prints as its name, is reported missing, and writes no invalid ToUnicode."""
    with missing_characters() as missing:
        pdf = _pdf("Smile 😀 please")
    assert missing == {"[U+1F600 GRINNING FACE]"}
    assert "[U+1F600 GRINNING FACE]" in pdfread.page_texts(pdf)[0]
    assert b"<1F600>" not in pdf
