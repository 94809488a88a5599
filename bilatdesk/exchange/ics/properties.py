"""The text properties of one VEVENT as the import keeps them: title, place, agenda, class,
kind, status and attendees.

- Text: control characters become U+FFFD; a title (or place) over 500 characters is shortened
  and kept whole in the agenda; a note says each.
- CLASS: PUBLIC → U, PRIVATE → R, CONFIDENTIAL → C, other values → R (RFC 5545: treat unknown
  classes as PRIVATE); our own X-BILATDESK-CLASSIFICATION wins when higher.
- CATEGORIES → kind when one names a kind of ours ("Courtesy call", "video_call"), else
  bilateral meeting. STATUS:CANCELLED is read, and skipped by the import.
- ATTENDEE → participants by name (CN, else the address), on "their" side unless our own
  X-BILATDESK-SIDE says "ours".
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from icalendar import Event

from bilatdesk.domain.classification import DEFAULT_SCHEME, UnknownClassificationError
from bilatdesk.domain.enums import EngagementKind, Side
from bilatdesk.domain.text import (
    LONG_TEXT_MAX,
    disguise_sentence,
    disguising_character,
    fold,
)

MAX_PARTICIPANTS = 500
TITLE_MAX = 500
PLACE_MAX = 500

_CLASS_CODES = {"PUBLIC": "U", "PRIVATE": "R", "CONFIDENTIAL": "C"}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class EventTexts:
    """What the import keeps of an event besides its times, and the notes on what changed."""

    title: str
    place: str
    agenda: str
    classification: str
    kind: EngagementKind
    cancelled: bool
    participants: tuple[tuple[str, Side], ...]
    notes: tuple[str, ...]


def event_texts(event: Event) -> EventTexts:
    """Title, place and agenda cleaned and bounded, class, kind, status and attendees."""
    notes: list[str] = []
    title = " ".join(text_of(event.get("SUMMARY")).split())
    place = " ".join(text_of(event.get("LOCATION")).split())
    agenda = text_of(event.get("DESCRIPTION")).strip()
    title, changed = _scrub(title)
    place, changed_place = _scrub(place)
    agenda, changed_agenda = _scrub(agenda)
    if changed or changed_place or changed_agenda:
        notes.append("Invisible control characters were replaced by \N{REPLACEMENT CHARACTER}.")
    title = _undisguised("title", title, notes)
    place = _undisguised("place", place, notes)
    if not title:
        title = "(untitled)"
        notes.append("The event has no title; it is called “(untitled)”.")
    if len(title) > TITLE_MAX:
        agenda = f"{title}\n\n{agenda}".strip()
        title = title[: TITLE_MAX - 1] + "…"
        notes.append(
            f"The title was shortened to {TITLE_MAX} characters; it is whole in the agenda."
        )
    if len(place) > PLACE_MAX:
        agenda = f"{agenda}\n\nPlace: {place}".strip()
        place = place[: PLACE_MAX - 1] + "…"
        notes.append(
            f"The place was shortened to {PLACE_MAX} characters; it is whole in the agenda."
        )
    if len(agenda) > LONG_TEXT_MAX:
        agenda = agenda[: LONG_TEXT_MAX - 1] + "…"
        notes.append(f"The description was cut at {LONG_TEXT_MAX:,} characters.")
    return EventTexts(
        title=title,
        place=place,
        agenda=agenda,
        classification=_classification(event),
        kind=_kind(event),
        cancelled=text_of(event.get("STATUS")).strip().upper() == "CANCELLED",
        participants=_participants(event, notes),
        notes=tuple(notes),
    )


def _participants(event: Event, notes: list[str]) -> tuple[tuple[str, Side], ...]:
    attendees = event.get("ATTENDEE")
    if attendees is None:
        return ()
    if not isinstance(attendees, list):
        attendees = [attendees]
    people: list[tuple[str, Side]] = []
    for attendee in attendees:
        params = getattr(attendee, "params", {})
        name = " ".join(str(params.get("CN", "") or "").split())
        if not name:
            address = str(attendee)
            name = address[7:] if address.lower().startswith("mailto:") else address
        name, _ = _scrub(name.strip())
        if not name:
            continue
        side = (
            Side.OURS
            if str(params.get("X-BILATDESK-SIDE", "")).lower() == "ours"
            else (Side.THEIRS)
        )
        people.append((name[:500], side))
    if len(people) > MAX_PARTICIPANTS:
        notes.append(f"Only the first {MAX_PARTICIPANTS} of {len(people):,} attendees were kept.")
        people = people[:MAX_PARTICIPANTS]
    return tuple(people)


def text_of(value: Any) -> str:
    """A property's value as plain text ("" when absent; a list joined by spaces)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(text_of(v) for v in value)
    return str(value)


def _undisguised(label: str, text: str, notes: list[str]) -> str:
    """`text` without the characters that could disguise it (each kind removed wholly)."""
    found = disguising_character(text, one_line=True)
    if found is not None:
        notes.append(disguise_sentence(f"The {label}", found)[:-1] + "; it was removed.")
    while found is not None:
        text = text.replace(found[0], "")
        found = disguising_character(text, one_line=True)
    return text


def _scrub(text: str) -> tuple[str, bool]:
    """NFC, and control characters (but tab and line ends) replaced; whether any was."""
    text = unicodedata.normalize("NFC", text)
    scrubbed = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)
    return scrubbed, scrubbed != text


def _classification(event: Event) -> str:
    value = text_of(event.get("CLASS")).strip().upper()
    code = _CLASS_CODES.get(value, "R") if value else "U"
    ours = text_of(event.get("X-BILATDESK-CLASSIFICATION")).strip()
    if ours:
        with contextlib.suppress(UnknownClassificationError):
            code = DEFAULT_SCHEME.highest([code, DEFAULT_SCHEME.parse(ours).code]).code
    return code


@cache
def _kind_names() -> dict[str, EngagementKind]:
    names: dict[str, EngagementKind] = {}
    for kind in EngagementKind:
        names[_fold_kind(kind.value)] = kind
    names["demarche"] = EngagementKind.DEMARCHE
    return names


def _fold_kind(text: str) -> str:
    return re.sub(r"[\s\-_]+", "_", fold(text).strip())


def _kind(event: Event) -> EngagementKind:
    categories = event.get("CATEGORIES")
    if categories is None:
        return EngagementKind.BILATERAL_MEETING
    groups = categories if isinstance(categories, list) else [categories]
    for group in groups:
        for category in getattr(group, "cats", []):
            found = _kind_names().get(_fold_kind(str(category)))
            if found is not None:
                return found
    return EngagementKind.BILATERAL_MEETING
