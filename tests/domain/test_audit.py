"""The audit entry's canonical serialisation: the hand-spelt JSON equals json.dumps's."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from bilatdesk.domain.audit import changes_text, encoded, serialised, serialised_after
from bilatdesk.domain.enums import NameOrder

# Every kind of value a field or a change may hold, and the strings JSON must escape.
_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -7,
    2**70,
    1.5,
    float("nan"),
    float("inf"),
    "",
    "Zoë Müller",
    'quote " backslash \\ slash /',
    "tab\tline\nreturn\r\x00\x1f\x7f\u2028\u202e",
    "王立新 محمد Ελένη",
    "emoji \U0001f3f4\U000e0067\U000e0062\U000e007f",
    NameOrder.FAMILY_FIRST,
    date(2026, 12, 6).isoformat(),
    [1, "two", None],
    {"b": 1, "a": [None, {"d": 2, "c": 3}]},
]


def _dumps(value: Any, *, sort_keys: bool = False) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)


@pytest.mark.parametrize("value", _VALUES)
def test_a_field_is_spelt_as_json_dumps_spells_it(value: Any) -> None:
    """Each field's JSON, and the array of them, are json.dumps's own text."""
    assert encoded(value) == _dumps(value)
    assert serialised([value, "x", value]) == _dumps([value, "x", value])
    head = serialised(["2026-12-06T10:00:00.000000Z", value])[:-1]
    assert serialised_after(head, [value, 3]) == _dumps(
        ["2026-12-06T10:00:00.000000Z", value, value, 3]
    )


@pytest.mark.parametrize("value", _VALUES)
def test_changes_are_spelt_as_json_dumps_with_sorted_keys(value: Any) -> None:
    """Changes of [old, new] pairs, and any other shape, give json.dumps's sorted text."""
    shapes: list[dict[Any, Any]] = [
        {},
        {"given_name": [None, value], "family_name": [value, "Müller"], "ä": [value, value]},
        {"contact_points": [None, [value, "x"]], "posts": [None, 2]},
        {"odd": value},
        {"three": [None, value, 1]},
        {"pair": (None, value)},
    ]
    for changes in shapes:
        assert changes_text(changes) == _dumps(changes, sort_keys=True), changes
    assert changes_text({2: [None, value], 1: [None, 1]}) == _dumps(
        {2: [None, value], 1: [None, 1]}, sort_keys=True
    )
