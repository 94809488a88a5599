"""Where contact details place a person: phones and mail domains, when they agree."""

from __future__ import annotations

from bilatdesk.exchange.places import CountryGuess, country_from_contacts, mail_country


def test_mail_domains_name_countries_by_iso_3166() -> None:
    """.gr is Greece, .uk the United Kingdom (GB); generic and regional domains say nothing."""
    assert mail_country("a@mfa.gr") == CountryGuess("GR", "mail domain .gr")
    assert mail_country("a@fco.gov.uk") == CountryGuess("GB", "mail domain .uk")
    assert mail_country("a@example.org") is None
    assert mail_country("a@europa.eu") is None


def test_a_guess_needs_agreement() -> None:
    """A +30 number and a .gr address agree on Greece; a .de address beside them, no guess."""
    assert country_from_contacts(["+30 210 368 1000"], ["a@mfa.gr"]) == CountryGuess(
        "GR", "phone +30"
    )
    assert country_from_contacts([], ["a@mfa.gr"]) == CountryGuess("GR", "mail domain .gr")
    assert country_from_contacts(["+30 210 368 1000"], ["a@auswaertiges-amt.de"]) is None
    assert country_from_contacts(["0210 368 1000"], ["a@example.org"]) is None
    # Two numbers must agree too; one that says nothing (no country code) is no objection.
    assert country_from_contacts(["+30 210 368 1000", "+43 1 531 15"], []) is None
    assert country_from_contacts(["0101", "+43 1 531 15"], ["a@example.org"]) == CountryGuess(
        "AT", "phone +43"
    )
    assert country_from_contacts(["+43 1 531 15"], ["a@bmeia.gv.at", "b@mfa.gr"]) is None
