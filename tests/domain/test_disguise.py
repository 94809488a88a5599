"""Invisible characters that can disguise a short text are refused; scripts keep theirs."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from bilatdesk.domain.text import disguise_sentence, disguising_character

WELCOME = [
    "مريم الخوري",  # Arabic
    "שרה לוי",  # Hebrew
    "می\u200cخواهم",  # Persian with ZWNJ
    "क\u094d\u200dष",  # Devanagari with ZWJ after a virama
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # an emoji family (ZWJ sequence)
    "\u2764\ufe0f\u200d\U0001f525",  # heart on fire: ZWJ after a variation selector
    "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # England's flag
    "Ali \u200fعلي\u200f Khan",  # RLM inside mixed text
    "\u0600\u0661\u0662",  # a visible Arabic number sign
    "Zoë Dvořák",
]


@pytest.mark.parametrize("text", WELCOME)
def test_right_to_left_text_and_the_joiners_scripts_need_are_welcome(text: str) -> None:
    """Arabic, Hebrew, Persian ZWNJ, Devanagari ZWJ, emoji sequences are accepted."""
    assert disguising_character(text, one_line=True) is None


@pytest.mark.parametrize(
    ("text", "char", "what"),
    [
        ("Ann\u202eaidni", "\u202e", "direction override"),
        ("Ann\u202dx", "\u202d", "direction override"),
        ("\u202bعلي\u202c", "\u202b", "direction embedding"),
        ("x\u2066y\u2069", "\u2066", "direction isolate"),
        ("\u200fAli", "\u200f", "direction mark at its start or end"),
        ("Ali\u200e", "\u200e", "direction mark at its start or end"),
        ("Mu\u200dller", "\u200d", "joiner outside a word"),
        ("\u200cAli", "\u200c", "joiner outside a word"),
        ("Mül\u00adler", "\u00ad", "formatting character"),
        ("\ufeffAli", "\ufeff", "formatting character"),
        ("Al\u2060i", "\u2060", "formatting character"),
        ("A\u200bli", "\u200b", "formatting character"),
        ("\U000e0067x", "\U000e0067", "formatting character"),
    ],
)
def test_disguising_characters_are_named(text: str, char: str, what: str) -> None:
    """Each refused character is found and said in a sentence with its code point."""
    found = disguising_character(text)
    assert found is not None and found[0] == char and what in found[1]
    assert f"(U+{ord(char):04X})" in disguise_sentence("The name", found)


def test_override_sentence_reads_as_the_issue_asks() -> None:
    """The sentence at the field says what the character can do."""
    found = disguising_character("Ann\u202eaidni")
    assert found is not None
    assert disguise_sentence("The name", found) == (
        "The name contains an invisible direction override (U+202E), which can make it "
        "display as something else."
    )


def test_line_breaks_are_refused_only_in_one_line_fields() -> None:
    """A name has no line break; an address may."""
    for brk in ("\n", "\r", "\u2028", "\u2029"):
        found = disguising_character(f"Ali{brk}Khan", one_line=True)
        assert found is not None and found[1] == "a line break"
        assert disguising_character(f"Ali{brk}Khan") is None
    assert "must be on one line" in disguise_sentence("Name", ("\n", "a line break"))


def test_every_format_character_of_unicode_is_judged() -> None:
    """No Cf character passes unjudged: each is refused alone between two Latin letters."""
    allowed = {0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD, 0x070F, 0x0890, 0x0891}
    allowed |= {0x08E2, 0x110BD, 0x110CD, 0x200E, 0x200F, 0x061C}
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)) == "Cf" and code not in allowed:
            assert disguising_character(f"a{chr(code)}b") is not None, f"U+{code:04X}"
