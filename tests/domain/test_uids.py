"""Record UIDs: version 7, ordered by time and within a batch, unique, as hex and as UUID."""

from __future__ import annotations

import time
import uuid

from bilatdesk.domain.base import new_uid as record_default
from bilatdesk.domain.uids import new_uid, new_uid_hexes, uid7_ints


def test_a_uid_is_a_version_7_uuid_of_this_millisecond() -> None:
    """RFC 9562: version 7, the RFC variant, and the Unix time in milliseconds up front."""
    before = time.time_ns() // 1_000_000
    made = new_uid()
    after = time.time_ns() // 1_000_000
    assert made.version == 7
    assert made.variant == uuid.RFC_4122
    assert before <= made.int >> 80 <= after
    assert record_default is new_uid


def test_a_batch_is_ascending_unique_and_hex_as_uuid_writes_it() -> None:
    """Hex UIDs of one batch sort in the order they were made and parse back as version 7."""
    hexes = new_uid_hexes(20_000)
    assert hexes == sorted(hexes)
    assert len(set(hexes)) == len(hexes)
    parsed = [uuid.UUID(text) for text in hexes[::997]]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in parsed)
    assert all(u.hex == text for u, text in zip(parsed, hexes[::997], strict=True))
    numbers = uid7_ints(1000)
    assert numbers == sorted(numbers) and len(set(numbers)) == 1000


def test_later_batches_sort_after_earlier_ones() -> None:
    """A batch made a millisecond later sorts after the earlier one: new keys go to the end
    of the uid index."""
    first = new_uid_hexes(100)
    time.sleep(0.002)
    second = new_uid_hexes(100)
    assert max(first) < min(second)


def test_batches_differ_in_their_random_bits() -> None:
    """Two batches of the same millisecond still do not collide: 73 bits are random."""
    seen: set[str] = set()
    for _ in range(200):
        batch = new_uid_hexes(50)
        assert seen.isdisjoint(batch)
        seen.update(batch)
    assert new_uid_hexes(0) == [] and uid7_ints(-1) == []
