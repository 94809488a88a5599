"""The files real programs write: one file per quirk (tests/data/vcards/quirks), each read as
its writer meant it. The files were written by hand from RFC 2426 / RFC 6350 and what the
exporters are documented or reported to write (iOS CR CR LF, Windows "Unicode", Apple's
X-ABLabel, Outlook's 2.1 quoted-printable)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilatdesk.exchange.records import CardProblem, CardValue, ContactCard
from bilatdesk.exchange.vcard.read import read_vcards
from tests import paths

QUIRKS = paths.DATA / "vcards" / "quirks"
WINDOWS = ("outlook_utf16le_bom", "utf16be_no_bom", "utf32le_bom", "utf32be_no_bom")


def _read(name: str) -> list[ContactCard | CardProblem]:
    with (QUIRKS / f"{name}.vcf").open("rb") as stream:
        return list(read_vcards(stream))


def _one(name: str) -> ContactCard:
    cards = _read(name)
    assert len(cards) == 1 and isinstance(cards[0], ContactCard), cards
    return cards[0]


def test_every_quirk_file_has_a_test() -> None:
    """Each file of the corpus is named in this module, so none is left unread."""
    source = Path(__file__).read_text(encoding="utf-8")
    for path in QUIRKS.iterdir():
        assert path.stem in source, path.name


def test_ios_cr_cr_lf() -> None:
    """iOS ends lines CR CR LF: the card is read whole, not refused as nameless."""
    card = _one("ios_cr_cr_lf")
    assert (card.given_name, card.family_name) == ("Eleni", "Papadopoulou")
    assert card.emails == (CardValue("eleni@mfa.gr", ("internet", "pref")),)
    assert card.phones[0].value == "+30 697 123 4567"
    assert card.organisation == "Ministry of Foreign Affairs"


def test_cr_only() -> None:
    """Old Mac line ends (CR alone) are line ends."""
    card = _one("cr_only")
    assert (card.family_name, card.formatted_name) == ("Nagy", "Nagy Katalin")
    assert card.emails[0].value == "katalin.nagy@kormany.hu"


def test_mixed_line_ends() -> None:
    """LF, CR LF, CR and CR CR LF in one file, with a folded line among them."""
    card = _one("mixed_line_ends")
    assert (card.given_name, card.family_name) == ("Stoyan", "Dimitrov")
    assert card.note == "folded across lines"


@pytest.mark.parametrize("name", WINDOWS)
def test_utf16_and_utf32_with_or_without_a_mark(name: str) -> None:
    """Windows' "Unicode" (UTF-16 LE with a mark) and the other widths and byte orders."""
    card = _one(name)
    assert (card.given_name, card.family_name) == ("Jürgen", "Müller")
    assert card.organisation == "Bundesministerium für Europa"
    assert card.phones == (CardValue("+43 1 531 15 0", ("work", "voice")),)
    assert card.problems == ()


def test_windows1252_no_charset() -> None:
    """Bytes that are not UTF-8 and name no charset are read as Windows-1252, and said so."""
    card = _one("windows1252_no_charset")
    assert (card.given_name, card.family_name) == ("Jürgen", "Müller")
    assert any("Windows-1252" in problem for problem in card.problems)


def test_latin1_charset() -> None:
    """CHARSET=ISO-8859-1 (2.1) is honoured."""
    card = _one("latin1_charset")
    assert (card.given_name, card.family_name) == ("Françoise", "Châtelet")


def test_utf16_damaged() -> None:
    """A broken UTF-16 file is read, and the report names the encoding problem as such."""
    card, problem = _read("utf16_damaged")
    assert isinstance(card, ContactCard) and card.family_name == "Ilieva"
    assert isinstance(problem, CardProblem)
    assert problem.reason.startswith("The file is read as UTF-16 LE, but a character could not")


def test_ablabel_groups() -> None:
    """item1.TEL with item1.X-ABLabel: the label names the number; Apple's built-ins too."""
    card = _one("ablabel_groups")
    assert [phone.types[0] for phone in card.phones] == ["embassy", "mobile"]
    assert card.emails[0].types[0] == "protocol desk"


def test_quoted_printable_soft_breaks() -> None:
    """Quoted-printable with soft line breaks in N, FN, ORG, ADR and NOTE (Outlook's 2.1)."""
    card = _one("quoted_printable_soft_breaks")
    assert (card.given_name, card.family_name) == ("Zoë", "Ångström-Müller")
    assert card.formatted_name == "Zoë Ångström-Müller"
    assert card.organisation == "Bundeskanzleramt Österreich"
    assert card.address == "Ballhausplatz 2, 1010 Wien"
    assert card.note == "Met at the national day"


def test_whitespace_around_values() -> None:
    """Spaces around values, parameter names, "=" and TYPE words mean nothing."""
    card = _one("whitespace_around_values")
    assert (card.given_name, card.family_name) == ("Desislava", "Hristova")
    assert card.formatted_name == "Desislava Hristova"
    assert card.phones == (CardValue("+359 2 948 2999", ("work", "voice")),)
    assert card.emails == (CardValue("d.hristova@example.bg", ("home",)),)


def test_type_lists() -> None:
    """TYPE as a comma list, quoted, repeated, 2.1's bare words, any case."""
    card = _one("type_lists")
    assert [phone.types for phone in card.phones] == [
        ("work", "voice"),
        ("cell", "voice"),
        ("fax", "work"),
        ("home", "voice"),
        ("pager",),
    ]


@pytest.mark.parametrize("name", ["no_name_email", "no_name_organisation"])
def test_a_card_without_a_name_is_read(name: str) -> None:
    """No N and no FN: the reader keeps the card (the import names it by what it has)."""
    card = _one(name)
    assert not (card.given_name or card.family_name or card.formatted_name)
    assert card.emails or card.organisation


def test_family_first_fn() -> None:
    """FN:王小明 with N:王;小明: both kept as written, for the import to take the order from."""
    card = _one("family_first_fn")
    assert (card.family_name, card.given_name, card.formatted_name) == ("王", "小明", "王小明")
    assert card.display_name == "王小明"


def test_formatted_name_kept() -> None:
    """An FN that is not the parts in either order (the name she goes by) is read as written."""
    card = _one("formatted_name_kept")
    assert card.formatted_name == "Jo Smith-Okafor"
    assert (card.given_name, card.honorific) == ("Joanna", "Dr.")
