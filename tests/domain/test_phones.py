"""Telephone numbers read by phonenumbers: E.164, the international form and their region."""

from __future__ import annotations

from bilatdesk.domain.phones import e164, international, phone_region, rfc3966


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
