"""Telephone numbers read by phonenumbers: E.164, the international form and their region."""

from __future__ import annotations

from bilatdesk.domain.phones import (
    e164,
    international,
    phone_region,
    phone_search_words,
    rfc3966,
    store_phone,
)


def test_e164_from_any_written_form() -> None:
    """ "+30 210 368 1000", "0030 210 3681000" and a national number in its region agree."""
    assert e164("+30 210 368 1000") == "+302103681000"
    assert e164("0030 210 3681000") == "+302103681000"
    assert e164("210 368 1000", "gr") == "+302103681000"
    # Without a country code or a region nothing is guessed: the text stays as written.
    assert e164("210 368 1000") == "210 368 1000"
    assert e164("ext. 12 (evenings)") == "ext. 12 (evenings)"


def test_international_form_and_tel_uri() -> None:
    """A stored number shown internationally and as a tel: URI; unreadable text as it is."""
    assert international("+302103681000") == "+30 21 0368 1000"
    assert rfc3966("+302103681000") == "tel:+30-21-0368-1000"
    assert international("call the desk") == "call the desk"
    assert rfc3966("call the desk") == ""


def test_region_and_country_code() -> None:
    """+30 is Greece, +962 Jordan; a number without its code has no region."""
    assert phone_region("+30 697 123 4567") == ("GR", 30)
    assert phone_region("+962 6 500 0000") == ("JO", 962)
    assert phone_region("0697 123 4567") is None


def test_stored_in_e164_with_the_extension_written() -> None:
    """DIN's "-0" and a written "ext." are kept as the extension; grouping hyphens are not."""
    assert store_phone("+43 1 531 15-0").value == "+43153115;ext=0"
    assert store_phone("01 531 15-0", "AT").value == "+43153115;ext=0"
    assert store_phone("030 1234-567", "de").value == "+49301234;ext=567"
    assert store_phone("+1 212-555-0100").value == "+12125550100"
    assert store_phone("+30 210 1234567 ext. 12").value == "+302101234567;ext=12"
    assert international("+43153115;ext=0") == "+43 1 53115 ext. 0"
    assert rfc3966("+43153115;ext=0") == "tel:+43-1-53115;ext=0"


def test_a_number_nobody_can_read_is_kept_and_flagged() -> None:
    """No country to read it in, or too short: as written, and said to be unread."""
    for written, region in (("0101", ""), ("12345", "GR"), ("  01 531 15-0 ", "")):
        stored = store_phone(written, region)
        assert (stored.value, stored.read) == (written.strip(), False)
    assert store_phone("+43 1 555 0101").read


def test_search_words_hold_every_run_of_digits() -> None:
    """Each run of digits, as written nationally or internationally, starts some word."""
    words = phone_search_words("+43153115;ext=0").split()
    for run in ("431531150", "0153115", "01531150", "531150", "3115", "150"):
        assert any(word.startswith(run) for word in words), run
    words = phone_search_words("+4315550101").split()
    assert "0101" in words and "015550101" in words
    assert phone_search_words("0101").split() == ["0101", "101"]
