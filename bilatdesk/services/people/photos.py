"""A person's portrait as the service stores it: a change the form holds until Save."""

from __future__ import annotations

from dataclasses import dataclass

from bilatdesk.domain import Person
from bilatdesk.exchange.photos import is_normalised, normalise_photo

Stored = tuple[bytes | None, str]
"""The photo column's bytes (None: no photo) and its media type."""


@dataclass(frozen=True)
class PhotoChange:
    """A portrait for the person (a JPEG or PNG, checked and scaled on saving), or None to
    remove theirs: the form's pending photo, saved with its fields."""

    photo: bytes | None


def stored_photo(change: PhotoChange | None) -> Stored | None:
    """What to store for a change (None: no change), checked and scaled unless it already was
    when chosen. Decoding takes a while: callers do it before a transaction opens."""
    if change is None:
        return None
    if change.photo is None:
        return None, ""
    if is_normalised(change.photo):
        return change.photo, "image/jpeg"
    return normalise_photo(change.photo)


def put_photo(person: Person, stored: Stored | None) -> None:
    if stored is not None:
        person.photo, person.photo_type = stored
