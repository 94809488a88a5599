"""Collecting field errors: length caps, forbidden characters, required fields, dates."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy.orm import QueryableAttribute, Session

from bilatdesk.domain.classification import ClassificationScheme, UnknownClassificationError
from bilatdesk.domain.text import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    clean,
    disguise_sentence,
    disguising_character,
    forbidden_character,
)
from bilatdesk.services.kernel.errors import ValidationError

SURROGATE = re.compile("[\ud800-\udfff]")
"""A lone UTF-16 surrogate: a str can hold one, but UTF-8 (and so every database) cannot."""

# Fields that are one line wherever they appear: a name, a title, a subject, a code.
ONE_LINE = frozenset(
    {
        "abbreviation",
        "capital",
        "caveats",
        "classified_by",
        "code",
        "family_name",
        "given_name",
        "honorific",
        "name",
        "name_original",
        "official_name",
        "place",
        "principal",
        "pronunciation",
        "sending_state",
        "subject",
        "title",
    }
)


class Checker:
    """Gathers every problem of one input, so the form can show each at its field."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def text(
        self,
        field: str,
        label: str,
        value: str,
        *,
        required: bool = False,
        max_length: int = SHORT_TEXT_MAX,
        one_line: bool = False,
    ) -> str:
        """The cleaned value, or the error recorded at the field.

        A short text also refuses the invisible characters that can disguise it (and, in a
        one-line field, line breaks): domain.text.disguising_character decides which.
        """
        broken = SURROGATE.search(value)
        if broken is not None:
            # Half of a character (text pasted from a broken source): no database can store it.
            self.fail(
                field,
                f"{label} holds a broken character (an unpaired surrogate, "
                f"U+{ord(broken.group()):04X}); retype the text and save again.",
            )
            value = SURROGATE.sub("", value)
        value = clean(value)
        bad = forbidden_character(value)
        disguise = None
        if max_length < LONG_TEXT_MAX:
            disguise = disguising_character(value, one_line=one_line or field in ONE_LINE)
        if bad is not None:
            self.fail(
                field,
                f"{label} contains an invisible control character (U+{ord(bad):04X}); "
                "remove it and save again.",
            )
        elif disguise is not None:
            self.fail(field, disguise_sentence(label, disguise))
        elif len(value) > max_length:
            self.fail(
                field,
                f"{label} is too long ({len(value):,} characters; at most {max_length:,}).",
            )
        elif required and not value:
            self.fail(field, f"{label} is required.")
        return value

    def long_text(self, field: str, label: str, value: str) -> str:
        # Long fields keep their inner line breaks; only NFC and the outer blank lines go.
        return self.text(field, label, value, max_length=LONG_TEXT_MAX)

    def classification(self, field: str, scheme: ClassificationScheme, code: str) -> str:
        try:
            return scheme.level(code).code
        except UnknownClassificationError as exc:
            self.fail(field, str(exc))
            return scheme.lowest.code

    def date_order(
        self, field: str, start: date | datetime | None, end: date | datetime | None, what: str
    ) -> None:
        if start is not None and end is not None and end < start:
            self.fail(field, f"{what} ends before it starts.")

    def time_zone(self, field: str, name: str) -> str:
        name = name.strip() or "UTC"
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.fail(field, f"'{name}' is not a known time zone (for example Europe/Vienna).")
        return name

    def exists(
        self, field: str, session: Session, model: type[Any], record_id: int | None, what: str
    ) -> None:
        """A record the input points at must still exist (someone may have deleted it)."""
        if record_id is not None and session.get(model, record_id) is None:
            self.fail(field, f"{what} no longer exists.")

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def column_limit(column: QueryableAttribute[Any]) -> int:
    """The length of a String column, so validation refuses what the database would."""
    length = getattr(column.type, "length", None)
    return int(length) if length else LONG_TEXT_MAX


def known_time_zones() -> list[str]:
    return sorted(available_timezones())
