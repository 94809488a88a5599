"""The passphrase hint: too short, weak, fair or strong, in any script."""

from __future__ import annotations

import pytest

from bilatdesk.domain.passphrase import Strength, passphrase_strength


@pytest.mark.parametrize(
    ("passphrase", "expected"),
    [
        ("short", Strength.TOO_SHORT),
        ("password12", Strength.WEAK),
        ("aaaaaaaaaaaa", Strength.WEAK),
        ("Vienna2026!x", Strength.FAIR),
        ("correct horse battery staple", Strength.STRONG),
        ("καλημέρα κόσμε φίλε μου", Strength.STRONG),
    ],
)
def test_hints(passphrase: str, expected: Strength) -> None:
    """Each sample gets the strength a person would expect."""
    assert passphrase_strength(passphrase).strength is expected


def test_every_hint_is_a_sentence() -> None:
    """The hint is text to show, ending in a full stop."""
    for sample in ("", "abc", "password12", "correct horse battery staple"):
        assert passphrase_strength(sample).text.endswith(".")
