"""The import’s fast text rules agree with the domain’s, without a database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bilatdesk.domain.names import sort_name as person_sort_name
from bilatdesk.domain.text import fold, forbidden_character, search_blob
from bilatdesk.exchange import text as contact_text


@given(st.text(max_size=40))
def test_fast_text_rules_equal_the_domain_rules(value: str) -> None:
    """The import's ASCII fast paths give exactly what domain.text gives."""
    assert contact_text.fold(value) == fold(value)
    assert contact_text.control_character(value) == forbidden_character(value)
    assert contact_text.search_text(value, "Ab", value) == search_blob(value, "Ab", value)
    assert contact_text.search_text("", value, "") == search_blob("", value, "")
    assert contact_text.sort_name(value, "Zoë", "") == person_sort_name(value, "Zoë", "")
    assert contact_text.sort_name("", value, "Ö") == person_sort_name("", value, "Ö")


@given(st.text(max_size=40))
def test_printable_text_holds_no_control_character(value: str) -> None:
    """The card check trusts isprintable(): text it passes has no character the domain
    forbids, so the pattern is only needed for the text it doubts."""
    if value.isprintable():
        assert forbidden_character(value) is None
