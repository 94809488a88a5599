"""Text folding for search and the character rules every field obeys."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from bilatdesk.domain.text import (
    clean,
    fold,
    forbidden_character,
    index_text,
    search_blob,
    search_terms,
)
from bilatdesk.exchange import text as contact_text


def test_fold_removes_accents_and_case_in_every_script() -> None:
    """Müller meets Muller; Greek and Cyrillic fold too; Chinese and Arabic are kept."""
    assert fold("Müller") == fold("MULLER") == "muller"
    assert fold("ΕΛΈΝΗ") == fold("Ελένη")
    assert fold("ЁЛКА") == fold("ёлка")
    assert fold("王立新") == "王立新"
    assert fold("ليلى") == "ليلى"


def test_forbidden_character_finds_nul_but_allows_line_breaks() -> None:
    """NUL and other control characters are refused; tabs and new lines are text."""
    assert forbidden_character("a\x00b") == "\x00"
    assert forbidden_character("line\nnext\tcell\r\n") is None
    assert forbidden_character("emoji 🙂 and עברית") is None


def test_clean_normalises_to_nfc() -> None:
    """Decomposed input is stored composed, so names compare equal in NFC."""
    assert clean(" Mu\u0308ller ") == "Müller"


def test_search_blob_skips_empty_parts() -> None:
    """The search text joins the folded non-empty parts."""
    assert search_blob("Jürgen", "", None, "Öst") == "jurgen ost"


def _reference_fold(text: str) -> str:
    """The rule as written in words: case-fold, decompose, drop combining marks, recompose."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


SAMPLES = (
    "Müller",
    "Straße STRASSE",  # German ß folds to ss
    "İstanbul ıi",  # Turkish dotted capital I and dotless i
    "Ελένη ΟΔΥΣΣΕΑΣ ς",  # Greek, with tonos and final sigma
    "Ёлка Йошкар-Ола",  # Cyrillic with breve and diaeresis
    "Nguyễn Thị Ánh Tuyết",  # Vietnamese, stacked diacritics
    "王立新 東京",  # CJK
    "ليلى عبد الله",  # Arabic
    "ﬁ ① Ⅻ ｆｕｌｌ",  # compatibility forms
    "Mu\u0308ller",  # decomposed input
    "¨ ´",  # spacing accents decompose to a space and a mark
)
_SCRIPTS = st.sampled_from(
    [
        *SAMPLES,
        "ÄÖÜäöüß",
        "αβγΆΈΉΊΌΎΏ",
        "абвЁЙЇ",
        "ẠẢẤẦẨẪẬặẵ",
        "İIıi",
        "中文かなカナ한국어",
        "العربية",
    ]
)
_TEXTS = st.one_of(
    st.text(max_size=40),
    st.lists(_SCRIPTS, max_size=6).map(" ".join),
    st.text(
        alphabet=st.characters(
            categories=["Lu", "Ll", "Lt", "Lo", "Mn", "Nd", "Zs"], max_codepoint=0x2FFFF
        ),
        max_size=30,
    ),
)


def test_fold_keeps_its_meaning_on_named_cases() -> None:
    """ß folds to ss, dotted İ loses its dot, Vietnamese loses every mark, scripts survive."""
    assert fold("Straße") == fold("STRASSE") == "strasse"
    assert fold("İstanbul") == "istanbul"
    assert fold("Nguyễn Thị Ánh") == "nguyen thi anh"
    assert fold("ΟΔΥΣΣΕΑΣ") == fold("Οδυσσέας")
    assert fold("Йошкар-Ола") == "иошкар-ола"


@settings(max_examples=400)
@given(_TEXTS)
def test_the_fast_fold_is_the_rule(value: str) -> None:
    """fold (ASCII shortcut, translate table) gives what the rule in words gives, every script."""
    assert fold(value) == _reference_fold(value)


@settings(max_examples=400)
@given(_TEXTS, _TEXTS)
def test_the_import_path_gives_the_domain_results(value: str, other: str) -> None:
    """exchange.text (the import's memoised path) gives exactly what domain.text gives."""
    assert contact_text.fold(value) == fold(value) == contact_text.fold_name(value)
    assert contact_text.key(value) == " ".join(fold(value).split())
    assert contact_text.search_text(value, "", other) == index_text(
        " ".join(_reference_fold(p) for p in (value, other) if p)
    )
    assert contact_text.control_character(value) == forbidden_character(value)


@given(st.text(max_size=40))
def test_forbidden_character_is_the_control_category(value: str) -> None:
    """The refused characters are exactly Unicode's Cc, tab and line breaks excepted."""
    expected = next(
        (ch for ch in value if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r"), None
    )
    assert forbidden_character(value) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab0129 _-.@王小明٠éＡαΩ٣ाक\u3000\u00a0\x1c\t", max_size=40))
def test_index_text_is_its_terms_word_by_word(text: str) -> None:
    """The word-by-word shortcut (plain ASCII words without a regular expression) gives the
    words search_terms finds, each zero-led number also without its zeros."""
    expected: list[str] = []
    for term in search_terms(text):
        expected.extend(term)
        if len(term) == 1 and term[0].isdigit() and term[0].isascii() and term[0][0] == "0":
            expected.append(term[0].lstrip("0") or "0")
    assert index_text(text) == " ".join(expected)
