"""Text folding for search and the character rules every field obeys."""

from __future__ import annotations

from bilatdesk.domain.text import clean, fold, forbidden_character, search_blob


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
