"""Writing CSV contacts without a database: the formula guard; PersonOut records in, bytes out."""

from __future__ import annotations

import pytest

from bilatdesk.exchange.csv.write import guard, unguard


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil.example","x")',
        "+43 1 234",
        "@SUM(1)",
        "-2+3",
        "  =1+1",
        "\tx",
        "\rx",
        "'=already",
        "''+two",
    ],
)
def test_formula_like_cells_get_an_apostrophe_and_come_back(value: str) -> None:
    """OWASP: = + - @ TAB CR (also after spaces) are neutralised; unguard restores the value."""
    guarded = guard(value)
    assert guarded == "'" + value
    assert unguard(guarded) == value


@pytest.mark.parametrize("value", ["Anna", "O'Brien", "'quoted'", "1+1", "", "a=b"])
def test_harmless_cells_are_left_alone(value: str) -> None:
    """Ordinary text (apostrophes included) is written and read unchanged."""
    assert guard(value) == value
    assert unguard(value) == value
