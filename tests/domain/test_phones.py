"""Telephone numbers read by phonenumbers: E.164, the international form and their region."""

from __future__ import annotations

import random
import re

import phonenumbers

from bilatdesk.domain import phones
from bilatdesk.domain.phones import (
    e164,
    international,
    parse_phone,
    phone_index_words,
    phone_region,
    phone_search_words,
    rfc3966,
    store_phone,
)
from bilatdesk.domain.text import fold, index_text


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


def _every_example_number() -> list[phonenumbers.PhoneNumber]:
    """phonenumbers' example number of every kind in every region it knows."""
    examples = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in phonenumbers.PhoneNumberType.values():
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                examples.append(example)
    return examples


def test_a_number_s_index_words_are_index_text_of_its_search_words() -> None:
    """phone_index_words (made directly from the digits) gives what index_text gives for the
    search words, for every example number as stored and as written, with extensions, and
    for text that is no number."""
    written = [
        "+43 1 531 15-0",
        "+43153115;ext=0",
        "+1 650 253 0000 ext. 0012",
        "0101",
        "00",
        "",
        " ",
        "call the desk",
        "ÉCRIRE 0٣٤",
        "+43 1 531 15-٣",
        "王 0012",
    ]
    for example in _every_example_number():
        written.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164))
        written.append(
            phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        )
        written.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL))
    for value in written:
        assert phone_index_words(value) == index_text(fold(phone_search_words(value))), value


def test_the_quick_reading_agrees_with_phonenumbers_on_every_example() -> None:
    """Written in E.164, internationally, with hyphens or a trunk prefix: the same number."""
    compared = 0
    for example in _every_example_number():
        e164_form = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
        shown = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        code = f"+{example.country_code}"
        national = phonenumbers.national_significant_number(example)
        for written in (
            e164_form,
            shown,
            shown.replace(" ", "-"),
            f"{code} 0{national}",  # "+44 020 …": parse strips the trunk prefix
            f"{code} 8{national}",
            f"{code}{national[:-1]}",  # a digit short
        ):
            expected = _library_reading(written)
            assert _parsed_here(written) == expected, written
            compared += 1
    assert compared > 4_000


def _library_reading(written: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(written, None)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _parsed_here(written: str) -> phonenumbers.PhoneNumber | None:
    phones._PARSED.clear()  # read afresh, not from what an earlier form left in the cache
    return parse_phone(written)


def test_e164_is_spelt_as_phonenumbers_spells_it_for_every_example() -> None:
    """The quick E.164 (a plus, the code, the significant digits) equals the library's for
    every example number, Italy's leading zeros included, and the search words hold its
    digits."""
    examples = _every_example_number()
    examples.append(phonenumbers.PhoneNumber(country_code=39, national_number=0))
    examples.append(phonenumbers.PhoneNumber(country_code=39, national_number=0, raw_input="x"))
    for example in examples:
        expected = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
        assert phones._e164(example) == expected, example
        if example.national_number:
            assert expected[1:] in phone_search_words(expected).split(), expected
    assert any(example.italian_leading_zero for example in examples)


def test_national_digits_follow_the_national_form_where_it_differs() -> None:
    """Belarus's "8 0…" and Argentina's mobile "0 11 15…" are found by their home digits."""
    for region in ("BY", "AR", "AT", "US", "IT", "RU", "DE", "JO", "CN"):
        for kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE):
            example = phonenumbers.example_number_for_type(region, kind)
            assert example is not None
            national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
            digits = "".join(c for c in national if c.isdigit())
            stored = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
            assert digits in phone_search_words(stored).split(), (region, national)


def test_validity_agrees_with_phonenumbers_on_every_example_and_its_neighbours() -> None:
    """Each example number, one digit longer, shorter or changed: valid exactly when the
    library says so."""
    compared = 0
    for example in _every_example_number():
        national = phonenumbers.national_significant_number(example)
        variants = {national, national[:-1], national + "5", "9" + national[1:], national[:-2]}
        for digits in variants:
            if not digits:
                continue
            number = phonenumbers.PhoneNumber(
                country_code=example.country_code, national_number=int(digits)
            )
            assert phones._is_valid(number) == phonenumbers.is_valid_number(number), (
                example.country_code,
                digits,
            )
            compared += 1
    assert compared > 3_000


def test_the_plain_form_is_exactly_what_its_pattern_matches() -> None:
    """ "+", a digit 1-9, then digits, spaces, hyphens or dots: the quick test and the pattern
    agree on 20,000 random texts and on the edges."""
    pattern = re.compile(r"\+[1-9][0-9 .\-]{1,30}")
    rng = random.Random(17)
    alphabet = "+0123456789 .-x٣(/"
    texts = ["+", "+4", "+43", "+03 1", "+ 43 1", "+4" + "3" * 30, "+4" + "3" * 31, "+٣٣٣"]
    texts += [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 34))) for _ in range(20_000)
    ]
    texts += [
        "+" + "".join(rng.choice("0123456789 .-") for _ in range(rng.randint(1, 33)))
        for _ in range(20_000)
    ]
    for text in texts:
        expected = pattern.fullmatch(text) is not None
        assert (phones._plain_digits(text) is not None) == expected, text
