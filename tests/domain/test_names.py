"""A person's name forms: one display rule and one sort key, used by every face."""

from __future__ import annotations

from bilatdesk.domain.names import display_name, sort_name
from bilatdesk.domain.person import Person
from bilatdesk.exchange.records import ContactCard


def test_display_name_is_given_then_family_then_the_first_fallback() -> None:
    """Today's output: given and family joined; else the first non-empty fallback; else ""."""
    assert display_name("Anna", "Berger") == "Anna Berger"
    assert display_name("", "Berger") == "Berger"
    assert display_name("Anna", "") == "Anna"
    assert display_name("", "", "王立新", "Wang Lixin") == "王立新"
    assert display_name("", "", "", "Wang Lixin") == "Wang Lixin"
    assert display_name("", "") == ""


def test_every_record_shows_its_name_through_the_one_function() -> None:
    """The stored person and the imported card give what display_name gives for their parts."""
    person = Person(given_name="", family_name="", name_original="Ελένη", other_names="Eleni")
    assert person.display_name == display_name("", "", "Ελένη", "Eleni") == "Ελένη"
    card = ContactCard(line=1, formatted_name="Dr. Ana Ruiz", other_names="Ana")
    assert card.display_name == "Dr. Ana Ruiz"
    card = ContactCard(line=1, given_name="Ana", family_name="Ruiz", formatted_name="x")
    assert card.display_name == "Ana Ruiz"


def test_sort_name_is_family_first_and_folded() -> None:
    """Müller, Jürgen sorts as "muller jurgen"; a name only in its original script keeps it."""
    assert sort_name("Müller", "Jürgen", "") == "muller jurgen"
    assert sort_name("", "Jürgen", "") == "jurgen"
    assert sort_name("", "", "王立新") == "王立新"
