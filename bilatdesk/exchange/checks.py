"""One contact card checked field by field before import: what refuses it, what is dropped.

- Refused: no name at all; a name with a control character, or longer than the field holds
  (a cut name would be a wrong name); the readers' own refusals (CardProblem).
- Dropped, the rest imported: an e-mail that is not an address, a phone without a digit, a
  birth date in the future, a birthday that is no real day, a photo that is not a readable
  JPEG/PNG, any other field with a control character or too long for its field, a category
  over 100 characters. Each drop is one sentence of the card's report line, whichever reader
  (vCard or CSV) the card came from.
- A card naming an organisation but no title (nor role) holds the post "Staff" there, with a
  note saying the card gave no title; ROLE is the post's note when a TITLE is given.

This runs once per card of a 100,000-row file, so it is written for speed: one search over
all the card's text tells whether any field holds a control character or is not in NFC (the
readers give NFC); when none does, which is nearly always, each field is only trimmed and
measured.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bilatdesk.domain.enums import NameOrder
from bilatdesk.domain.names import display_name, order_from_card
from bilatdesk.domain.text import LONG_TEXT_MAX, disguise_sentence, disguising_character
from bilatdesk.exchange.photos import PhotoError, normalise_photo
from bilatdesk.exchange.records import CardProblem, ContactCard
from bilatdesk.exchange.text import CONTROL, fold_name, key

NO_TITLE = "Staff"  # the post of someone whose card names an organisation but no title
NO_TITLE_NOTE = "The contact card gave no title."

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_NOT_DIGIT = re.compile(r"[^\d+]")
_DIGIT = re.compile(r"\d")
# Words in TYPE that say nothing a clerk would use as the label of a number or address.
_NOT_LABELS = frozenset({"pref", "internet", "voice", "x400", "text", "msg", "x-internet"})
_HONORIFICS = frozenset({"dr", "prof", "mr", "mrs", "ms", "h.e", "he", "sir", "dame", "hon"})
_normalize = unicodedata.normalize
_is_normalized = unicodedata.is_normalized


@dataclass(slots=True)
class CheckedCard:
    """A card fit to import: every field cleaned (NFC, trimmed) and within its limits."""

    line: int
    name: str  # for the report
    given: str
    family: str
    other: str
    honorific: str
    emails: list[tuple[str, str]]  # (address, label), each address once (case-blind)
    phones: list[tuple[str, str]]  # (number, label), each number once (by its digits)
    address: str
    organisation: tuple[str, ...]  # the organisation, then its units
    title: str
    post_note: str
    birth_date: date | None
    birthday: int | None
    photo: bytes | None
    languages: str
    biography: str
    tags: list[str]
    uid: uuid.UUID | None
    problems: list[str]
    given_key: str  # the given name folded (domain.text.fold)
    family_key: str  # the family name folded
    name_key: str  # the folded family and given name; "" when the card has neither
    name_order: str = ""  # the order FN shows the parts in; "" when FN does not tell
    name_shown: str = ""  # FN kept as the display form (differs from the parts), or the
    # e-mail or organisation a card without any name is imported under


class RefusedError(Exception):
    """The card cannot be imported at all; `reason` is the report's sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def checked(card: ContactCard | CardProblem, today: date) -> CheckedCard | CardProblem:
    """The card checked, or a CardProblem saying why it is refused."""
    if isinstance(card, CardProblem):
        return card
    try:
        return check_card(card, today)
    except RefusedError as refusal:
        return CardProblem(card.line, card.display_name, refusal.reason)


# A field's check: (label, value, limit, problems) -> the value to keep, "" when left out.
_Field = Callable[[str, str, int, list[str]], str]


def check_card(card: ContactCard, today: date) -> CheckedCard:  # noqa: PLR0912, PLR0915
    """The card checked field by field; RefusedError when it cannot be imported at all.

    One function on purpose: it runs once per card, and each call saved is measurable over
    100,000 cards.
    """
    problems = list(card.problems)
    texts = [
        card.given_name,
        card.family_name,
        card.other_names,
        card.honorific,
        card.formatted_name,
        card.address,
        card.organisation,
        card.title,
        card.role,
        card.languages,
        card.note,
        *card.units,
        *card.categories,
    ]
    for item in card.emails:
        texts.append(item.value)
    for item in card.phones:
        texts.append(item.value)
    joined = " ".join(texts)
    # No control character: isprintable() says so for nearly every card in one quick pass of C
    # (a tenth of the pattern's cost); only text it doubts (line breaks, tabs, some spaces and
    # marks, or a control character) is searched with the pattern.
    # isprintable() is also False for every format character (direction overrides, joiners),
    # so a card holding one takes the careful path, where disguising_character judges it.
    plain = (
        joined.isprintable()
        or (CONTROL.search(joined) is None and disguising_character(joined) is None)
    ) and (joined.isascii() or _is_normalized("NFC", joined))
    field: _Field = _trimmed if plain else _cleaned

    # Names: refusing the card is better than storing a wrong name.
    given = _name("given name", card.given_name, 300, plain) if card.given_name else ""
    family = _name("family name", card.family_name, 300, plain) if card.family_name else ""
    if not (given or family) and card.formatted_name:
        given, family = _split_formatted(_name("name", card.formatted_name, 600, plain))
        given, family = given[:300], family[:300]
    other = _name("other names", card.other_names, 1000, plain) if card.other_names else ""
    order: NameOrder | None = None
    shown = ""
    if card.formatted_name and (card.given_name or card.family_name):
        # FN says which order N's parts are written in, or is a display form of its own.
        order, shown = order_from_card(given, family, card.formatted_name, card.honorific)
        shown = field("name", shown, 1000, problems) if shown else ""
    given_key = fold_name(given)
    family_key = fold_name(family)
    name = display_name(given, family, other, order=order, shown=shown)
    name_key = f"{family_key} {given_key}" if given and family else given_key or family_key

    honorific = field("honorific", card.honorific, 100, problems) if card.honorific else ""
    emails: list[tuple[str, str]] = []
    for item in card.emails:
        address = field("e-mail", item.value, 1000, problems) if item.value else ""
        if not address:
            continue
        if EMAIL.match(address) is None:
            problems.append(
                f"The e-mail '{address[:80]}' does not look like an e-mail address and was "
                "left out."
            )
        elif not emails or all(address.lower() != known.lower() for known, _ in emails):
            emails.append((address, _label(item.types)))
    phones: list[tuple[str, str]] = []
    for item in card.phones:
        number = field("phone number", item.value, 1000, problems) if item.value else ""
        if not number:
            continue
        if _DIGIT.search(number) is None:
            problems.append(f"The phone number '{number[:80]}' has no digit and was left out.")
        elif not phones or all(phone_key(number) != phone_key(known) for known, _ in phones):
            phones.append((number, _label(item.types)))
    address = field("address", card.address, 1000, problems) if card.address else ""

    organisation: tuple[str, ...] = ()
    if card.organisation or card.units:
        chain = []
        for part in (card.organisation, *card.units):
            if part and (kept := field("organisation", part, 500, problems)):
                chain.append(kept)
        organisation = tuple(chain)
    if not name:
        # No name at all: imported under the e-mail address or the organisation, and the
        # report line says so, rather than refused (phones' exports write such cards).
        shown = emails[0][0] if emails else organisation[0] if organisation else ""
        if not shown:
            raise RefusedError("The card has no name.")
        name = shown
        problems.append(f"The card has no name; it was imported under '{shown[:80]}'.")
    title = field("title", card.title, 500, problems) if card.title else ""
    role = field("role", card.role, 1000, problems) if card.role else ""
    post_note = ""
    if title:
        post_note = role
    elif role:
        title = role[:500]
    elif organisation:
        title, post_note = NO_TITLE, NO_TITLE_NOTE

    birth_date, birthday = card.birth_date, card.birthday
    if birth_date is not None:
        if birth_date > today:
            problems.append(f"The birth date {birth_date.isoformat()} is in the future; left out.")
            birth_date = birthday = None
        else:
            birthday = birth_date.month * 100 + birth_date.day
    elif birthday is not None and not is_month_day(birthday):
        problems.append(f"The birthday {birthday:04d} is not a real day; left out.")
        birthday = None
    photo = None
    if card.photo:
        try:
            photo, _media_type = normalise_photo(card.photo)
        except PhotoError as exc:
            problems.append(f"The photo was left out: {exc}")
    languages = field("languages", card.languages, 300, problems) if card.languages else ""
    biography = field("note", card.note, LONG_TEXT_MAX, problems) if card.note else ""
    tags: list[str] = []
    if card.categories:
        tag_keys: set[str] = set()
        for category in card.categories:
            tag = field("category", category, 100, problems) if category else ""
            if tag and (tag_key := key(tag)) not in tag_keys:
                tag_keys.add(tag_key)
                tags.append(tag)
    return CheckedCard(
        card.line,
        name,
        given,
        family,
        other,
        honorific,
        emails,
        phones,
        address,
        organisation,
        title,
        post_note,
        birth_date,
        birthday,
        photo,
        languages,
        biography,
        tags,
        card_uid(card.uid) if card.uid else None,
        problems,
        given_key,
        family_key,
        name_key,
        order.value if order is not None else "",
        shown,
    )


def _name(label: str, value: str, limit: int, plain: bool) -> str:
    """A part of the name, trimmed; RefusedError for a control character or too long."""
    text = value.strip() if plain else _normalize("NFC", value).strip()
    if not plain and (bad := CONTROL.search(text)) is not None:
        raise RefusedError(
            f"The {label} contains an invisible control character (U+{ord(bad.group()):04X})."
        )
    if not plain and (disguise := disguising_character(text, one_line=True)) is not None:
        raise RefusedError(disguise_sentence(f"The {label}", disguise))
    if len(text) > limit:
        raise RefusedError(f"The {label} is too long ({len(text):,} characters; at most {limit}).")
    return text


def _trimmed(label: str, value: str, limit: int, problems: list[str]) -> str:
    """A field of a card without control characters, already NFC: trimmed and measured."""
    text = value.strip()
    if len(text) > limit:
        problems.append(_too_long(label, text, limit))
        return ""
    return text


def _cleaned(label: str, value: str, limit: int, problems: list[str]) -> str:
    """A field of a card that holds a control character or text not in NFC somewhere."""
    text = _normalize("NFC", value).strip()
    if (bad := CONTROL.search(text)) is not None:
        problems.append(
            f"The {label} contains an invisible control character "
            f"(U+{ord(bad.group()):04X}) and was left out."
        )
        return ""
    if (disguise := disguising_character(text)) is not None:
        problems.append(disguise_sentence(f"The {label}", disguise)[:-1] + " and was left out.")
        return ""
    if len(text) > limit:
        problems.append(_too_long(label, text, limit))
        return ""
    return text


def _too_long(label: str, text: str, limit: int) -> str:
    return (
        f"The {label} is too long ({len(text):,} characters; at most {limit:,}) and was left out."
    )


def _split_formatted(formatted: str) -> tuple[str, str]:
    """FN without N: the last word is taken as the family name, a leading "Dr." dropped."""
    words = formatted.split()
    while len(words) > 1 and words[0].casefold().strip(".") in _HONORIFICS:
        words = words[1:]
    if not words:
        return "", ""
    if len(words) == 1:
        return "", words[0]
    return " ".join(words[:-1]), words[-1]


_LABELS: dict[tuple[str, ...], str] = {}


def _label(types: tuple[str, ...]) -> str:
    """The first TYPE word worth showing ("work", "cell"); files repeat a few combinations."""
    label = _LABELS.get(types)
    if label is None:
        label = next((word[:50] for word in types if word not in _NOT_LABELS), "")
        if len(_LABELS) < 1000:
            _LABELS[types] = label
    return label


def phone_key(number: str) -> str:
    """Numbers compare by their digits: "+43 1 234" and "+43-1-234" are one number."""
    return _NOT_DIGIT.sub("", number)


def is_month_day(value: int) -> bool:
    """Whether MMDD is a day of some year (29 February is)."""
    try:
        date(2000, value // 100, value % 100)
    except ValueError:
        return False
    return True


def card_uid(text: str) -> uuid.UUID | None:
    """A UID that is a UUID (urn:uuid:…, Apple's "…:ABPerson"); other UIDs are not kept."""
    text = text.strip()
    if text[:9].lower() == "urn:uuid:":
        text = text[9:]
    text = text.split(":", 1)[0]
    try:
        return uuid.UUID(text)
    except ValueError:
        return None
