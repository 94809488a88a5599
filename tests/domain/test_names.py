"""A person's name forms: one display rule and one sort key, used by every face."""

from __future__ import annotations

from bilatdesk.domain.enums import NameOrder
from bilatdesk.domain.names import (
    display_name,
    infer_name_order,
    order_from_card,
    sort_name,
    with_original,
)
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


def test_order_is_inferred_from_script_then_country() -> None:
    """Han, kana and Hangul are family first anywhere; Latin names by their country's custom."""
    assert infer_name_order("小明", "王") is NameOrder.FAMILY_FIRST
    assert infer_name_order("はなこ", "やまだ") is NameOrder.FAMILY_FIRST
    assert infer_name_order("민준", "김") is NameOrder.FAMILY_FIRST
    for code in ("CN", "tw", "JP", "KR", "HU", "VN"):
        assert infer_name_order("Lixin", "Wang", code) is NameOrder.FAMILY_FIRST
    assert infer_name_order("Lixin", "Wang", "SG") is NameOrder.GIVEN_FIRST
    assert infer_name_order("Anna", "Berger", "AT") is NameOrder.GIVEN_FIRST


def test_display_follows_the_order_and_joins_closed_scripts_without_a_space() -> None:
    """ "Wang Lixin", "王立新", "김민준"; a kept display form wins; the script decides alone."""
    family_first = NameOrder.FAMILY_FIRST
    assert display_name("Lixin", "Wang", order=family_first) == "Wang Lixin"
    assert display_name("Lixin", "Wang", order=NameOrder.GIVEN_FIRST) == "Lixin Wang"
    assert display_name("立新", "王") == "王立新"
    assert display_name("민준", "김", order=family_first) == "김민준"
    assert display_name("Jane", "Smith", shown="Dr. Jane Smith") == "Dr. Jane Smith"
    # Mixed scripts keep the space: a Latin given name after a Han family name.
    assert display_name("Lixin", "王", order=family_first) == "王 Lixin"
    # The sort key is by family name whatever the display order.
    assert sort_name("Wang", "Lixin", "") == "wang lixin"


def test_a_cards_formatted_name_tells_the_order_or_is_kept() -> None:
    """FN equal to N's parts in one order gives that order; any other FN is kept to show."""
    assert order_from_card("小明", "王", "王小明") == (NameOrder.FAMILY_FIRST, "")
    assert order_from_card("Katalin", "Nagy", "Nagy  Katalin") == (NameOrder.FAMILY_FIRST, "")
    assert order_from_card("Jane", "Smith", "Jane Smith") == (NameOrder.GIVEN_FIRST, "")
    assert order_from_card("Jane", "Smith", "Jo Smith") == (None, "Jo Smith")
    # N's honorific leading FN is kept apart already: no difference.
    assert order_from_card("Jane", "Smith", "Dr. Jane Smith", "Dr.") == (
        NameOrder.GIVEN_FIRST,
        "",
    )
    assert order_from_card("Jane", "Smith", "Dr. Jane Smith") == (None, "Dr. Jane Smith")
    assert order_from_card("Cher", "", "Cher") == (None, "")
    assert order_from_card("Jane", "Smith", "") == (None, "")


def test_the_original_script_is_shown_beside_a_transliteration() -> None:
    """ "Wang Lixin (王立新)"; nothing doubled when the display already is the original."""
    assert with_original("Wang Lixin", "王立新") == "Wang Lixin (王立新)"
    assert with_original("王立新", "王立新") == "王立新"
    assert with_original("Anna Berger", "") == "Anna Berger"
