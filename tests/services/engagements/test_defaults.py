"""Defaults for a new engagement: a country's working week and its time zone."""

from __future__ import annotations

from datetime import date

import pytest

from bilatdesk.services.engagements.defaults import (
    country_time_zone,
    next_working_day,
    weekend_days,
)

THURSDAY = date(2026, 11, 19)
FRIDAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("after", "code", "expected"),
    [
        (THURSDAY, "AT", FRIDAY),
        (FRIDAY, "AT", date(2026, 11, 23)),  # Saturday and Sunday off
        (THURSDAY, "JO", date(2026, 11, 22)),  # Friday and Saturday off: Sunday
        (THURSDAY, "jo", date(2026, 11, 22)),
        (date(2026, 11, 18), "IR", date(2026, 11, 21)),  # Thursday and Friday off
        (FRIDAY, "", date(2026, 11, 23)),
    ],
)
def test_next_working_day_follows_the_country_s_week(
    after: date, code: str, expected: date
) -> None:
    """The next day the country's offices are open, after the given one."""
    assert next_working_day(after, code) == expected
    assert expected.weekday() not in weekend_days(code)


@pytest.mark.parametrize(
    ("code", "capital", "expected"),
    [
        ("AT", "Vienna", "Europe/Vienna"),
        ("JO", "", "Asia/Amman"),
        ("RU", "", "Europe/Moscow"),  # not the first zone listed (Kaliningrad)
        ("NZ", "Wellington", "Pacific/Auckland"),
        ("AU", "Canberra", "Australia/Sydney"),  # no zone named after it: "most areas"
        ("US", "Washington", "America/New_York"),
        ("BR", "Brasília", "America/Sao_Paulo"),
        ("XX", "", None),
    ],
)
def test_country_time_zone(code: str, capital: str, expected: str | None) -> None:
    """One zone: it; several: the capital's, else the one covering most, else the first."""
    assert country_time_zone(code, capital) == expected
