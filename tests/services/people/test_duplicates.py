"""Likely duplicate people: folded names in either order, e-mails, phone digits, scope."""

from __future__ import annotations

import unicodedata

import pytest

from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.kernel.errors import NotFoundError
from bilatdesk.services.people.duplicates import (
    MAX_GROUP,
    DuplicateService,
    name_key,
    phone_digits,
    phone_key,
)
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.store.database import Database


def _person(db: Database, **fields: object) -> int:
    return PersonService(db).create(PersonInput(**fields)).id  # type: ignore[arg-type]


def _pairs(db: Database, **kwargs: object) -> dict[tuple[int, int], tuple[str, ...]]:
    found = DuplicateService(db).find(**kwargs)  # type: ignore[arg-type]
    return {(p.first_id, p.second_id): p.reasons for p in found}


def test_keys_fold_order_accents_and_digits() -> None:
    """Names fold accents and case and ignore word order; phones keep only their digits."""
    assert name_key("Müller, Anna") == name_key("anna MULLER") == "anna muller"
    assert name_key("Al-Khatib Omar") == name_key("Omar Al Khatib")
    assert name_key("") == ""
    assert phone_digits("+43 (1) 234-56.78") == "4312345678"
    assert phone_digits("٠٧٩ ١٢٣ ٤٥٦٧") == "0791234567"
    assert phone_key("+43 1 2345678") == phone_key("0043 (1) 234 56 78")
    assert phone_key("112") is None
    # Short numbers compare whole and never with the tail of a long one.
    assert phone_key("2345678") != phone_key("+43 1 2345678")


def test_same_name_in_either_order_and_folded(database: Database) -> None:
    """ "Anna Müller" and "MULLER Anna" (given and family swapped) are a likely pair."""
    first = _person(database, given_name="Anna", family_name="Müller")
    second = _person(database, given_name="Muller", family_name="ANNA")
    _person(database, given_name="Anna", family_name="Berger")
    assert _pairs(database) == {(first, second): ("same name",)}


def test_original_script_meets_either_name(database: Database) -> None:
    """A name in its original script matches the same script on another record, NFC or not."""
    first = _person(database, family_name="Wang", name_original="王立新")
    second = _person(database, given_name="Lixin", name_original="王立新")
    greek = _person(database, name_original="Γιώργος Παπαδόπουλος")
    # Written decomposed (NFD) and in capitals: the same name once folded.
    other_greek = _person(
        database, given_name="ΠΑΠΑΔΟΠΟΥΛΟΣ", family_name=unicodedata.normalize("NFD", "Γιώργος")
    )
    arabic = _person(database, name_original="ليلى الحسن")
    other_arabic = _person(database, given_name="ليلى", family_name="الحسن")
    pairs = _pairs(database)
    assert pairs[(first, second)] == ("same name",)
    assert pairs[(greek, other_greek)] == ("same name",)
    assert pairs[(arabic, other_arabic)] == ("same name",)
    assert len(pairs) == 3


def test_same_email_and_phone_with_reasons(database: Database) -> None:
    """Shared e-mails (any case) and phone numbers (any formatting) are named in the reasons."""
    first = _person(
        database,
        given_name="Anna",
        family_name="Berger",
        emails=("Anna.Berger@BMEIA.example",),
        phones=("+43 1 53115 4411",),
    )
    second = _person(
        database,
        given_name="A.",
        family_name="Berger-Huber",
        emails=("anna.berger@bmeia.example", "other@x.example"),
        phones=("0043-1-531154411",),
    )
    third = _person(database, given_name="Anna", family_name="Berger")
    pairs = _pairs(database)
    assert pairs[(first, second)] == (
        "same e-mail anna.berger@bmeia.example",
        "same phone +43 1 531154411",
    )
    assert pairs[(first, third)] == ("same name",)
    assert (second, third) not in pairs
    # Most reasons first.
    assert DuplicateService(database).find()[0].first_id == first


def test_scope_keeps_pairs_with_one_in_the_country(database: Database) -> None:
    """Scoped to a country, a pair shows when either of the two belongs to it."""
    countries = CountryService(database)
    at = countries.create(CountryInput("AT", "Austria")).id
    jo = countries.create(CountryInput("JO", "Jordan")).id
    a1 = _person(database, given_name="Anna", family_name="Berger", country_id=at)
    a2 = _person(database, given_name="Anna", family_name="Berger")
    j1 = _person(database, given_name="Omar", family_name="Khatib", country_id=jo)
    j2 = _person(database, given_name="Omar", family_name="Khatib", country_id=jo)
    assert set(_pairs(database, country_id=at)) == {(a1, a2)}
    assert set(_pairs(database, country_id=jo)) == {(j1, j2)}
    assert set(_pairs(database)) == {(a1, a2), (j1, j2)}
    assert len(DuplicateService(database).find(limit=1)) == 1


def test_crowded_key_proposes_nothing_alone_but_stays_a_reason(database: Database) -> None:
    """A switchboard number shared by many proposes no pairs, yet is listed for a named pair."""
    ids = [
        _person(
            database, given_name=f"Clerk{n}", family_name="Ministry", phones=("+962 6 5735150",)
        )
        for n in range(MAX_GROUP + 1)
    ]
    twin = _person(database, given_name="Clerk0", family_name="Ministry")
    pairs = _pairs(database)
    assert pairs == {(ids[0], twin): ("same name",)}
    with database.session() as session:  # the twin now shares the switchboard too
        from bilatdesk.domain import ContactPoint

        session.add(ContactPoint(person_id=twin, kind="phone", value="+962 6 5735150"))
    assert _pairs(database) == {(ids[0], twin): ("same name", "same phone +962 6 573 5150")}


def test_candidates_for_one_person(database: Database) -> None:
    """The look-up for one person finds the same pairs as the full search, that person first."""
    anna = _person(database, given_name="Anna", family_name="Berger", emails=("a@x.example",))
    namesake = _person(database, given_name="Berger", family_name="Anna")
    mailer = _person(database, given_name="Someone", family_name="Else", emails=("A@X.example",))
    caller = _person(
        database, given_name="Third", family_name="Person", phones=("+43 1 999 888 77",)
    )
    _person(database, given_name="Anna", family_name="Bergmann", phones=("0043 1 999 888 77",))
    found = DuplicateService(database).candidates_for(anna)
    assert [(p.first_id, p.second_id, p.reasons) for p in found] == [
        (anna, namesake, ("same name",)),
        (anna, mailer, ("same e-mail a@x.example",)),
    ]
    assert found[0].first_name == "Anna Berger"
    by_phone = DuplicateService(database).candidates_for(caller)
    assert [p.reasons for p in by_phone] == [("same phone +43 1 99988877",)]
    with pytest.raises(NotFoundError):
        DuplicateService(database).candidates_for(99_999)


def test_nothing_to_find_in_an_empty_database(database: Database) -> None:
    """No people, no pairs; one person alone is no pair either."""
    assert DuplicateService(database).find() == []
    _person(database, given_name="Solo", family_name="Person")
    assert DuplicateService(database).find() == []


def test_matches_for_a_person_not_yet_saved(database: Database) -> None:
    """Before saving: the same folded name, e-mail or phone digits, each with its reason."""
    people = PersonService(database)
    ilieva = people.create(PersonInput(given_name="Nadezhda", family_name="Ilieva")).id
    mail = people.create(
        PersonInput(given_name="Other", family_name="Person", emails=("n.ilieva@mfa.bg",))
    ).id
    duplicates = DuplicateService(database)
    found = duplicates.matches_for("NADEZHDA", "Ilieva", emails=("N.Ilieva@mfa.bg",))
    assert {(pair.second_id, pair.reasons) for pair in found} == {
        (ilieva, ("same name",)),
        (mail, ("same e-mail n.ilieva@mfa.bg",)),
    }
    assert duplicates.matches_for("Nadezhda", "Ilieva", exclude=ilieva) == []
    assert duplicates.matches_for("Someone", "Else") == []
