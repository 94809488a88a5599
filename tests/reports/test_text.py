"""User text into Paragraph markup: escaped, capped, shaped, in fonts that have its letters."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from bilatdesk.reports.fonts import CJK
from bilatdesk.reports.styles import BODY
from bilatdesk.reports.text import MAX_FIELD_CHARS, TRUNCATED, markup, paragraph

HOSTILE = '<img src="/etc/passwd"> <b>unclosed & R&D ]]> <font name="x">&amp;'


def test_markup_escapes_tags_and_ampersands() -> None:
    """Angle brackets and ampersands become entities, so no user text is ever read as a tag."""
    assert markup('<img src="x"> R&D ]]>') == '&lt;img src="x"&gt; R&amp;D ]]&gt;'


def test_hostile_text_parses_back_to_itself() -> None:
    """reportlab's parser reads escaped hostile text back as exactly the characters typed."""
    assert Paragraph(markup(HOSTILE), BODY).getPlainText() == HOSTILE


def test_newlines_become_line_breaks() -> None:
    """Each typed line break prints as one, whatever the platform's line ending."""
    assert markup("one\ntwo\r\nthree\rfour") == "one<br/>two<br/>three<br/>four"


def test_cjk_runs_are_set_in_the_cjk_font() -> None:
    """Chinese letters go in WenQuanYi; the Latin and Cyrillic around them stay in DejaVu."""
    assert markup("Met 王立新, Иван") == f'Met <font name="{CJK}">王立新</font>, Иван'


def test_arabic_stays_in_logical_order_in_its_own_font() -> None:
    """Arabic goes to Noto Sans Arabic as typed: shaping and bidi order happen at layout."""
    assert markup("Met ليلى الحسن today") == (
        'Met <font name="NotoSansArabic-Regular">ليلى</font> '
        '<font name="NotoSansArabic-Regular">الحسن</font> today'
    )


def test_escaping_happens_after_reordering() -> None:
    """An ampersand beside Arabic still prints as an ampersand, not a reversed entity."""
    assert "&amp;" in markup("ليلى & Co")


def test_over_long_text_is_truncated_visibly() -> None:
    """Text past the cap is cut, and the cut says so."""
    out = markup("q" * (MAX_FIELD_CHARS + 500))
    assert out.endswith(TRUNCATED)
    assert out.count("q") == MAX_FIELD_CHARS


def test_control_characters_are_dropped() -> None:
    """NUL, bell and form feed print as spaces; tabs too, so lines can still break there."""
    assert markup("a\x00b\x07c\x0cd\te") == "a b c d e"


@pytest.mark.timeout(120)  # a guard against a runaway layout, not a speed test
def test_long_word_lays_out() -> None:
    """A 20,000-character word with no space wraps at the margin (its speed is a benchmark)."""
    word = paragraph("x" * 20_000, BODY)
    word.wrap(450, 700)
    assert max(word.getActualLineWidths0()) <= 450
