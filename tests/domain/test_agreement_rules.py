"""Agreement dates and lifecycle: property-based over terms, renewals, month ends, leap years."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bilatdesk.domain.agreement_rules import (
    ENDED,
    NEXT,
    NOTICE_WARNING_DAYS,
    AgreementStatus,
    PeriodUnit,
    current_expiry,
    falls_within,
    notice_deadline,
    notice_is_near,
    term_end,
    transition_problem,
)

days = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))
units = st.sampled_from(list(PeriodUnit))
periods = st.tuples(st.integers(min_value=1, max_value=120), units)
S = AgreementStatus


@given(days, periods)
def test_a_term_ends_the_day_before_it_would_start_again(start: date, term: tuple) -> None:
    """A term ends on or after its start, and within its anniversary."""
    end = term_end(start, *term)
    assert end >= start
    value, unit = term
    if unit is PeriodUnit.DAYS:
        assert (end - start).days + 1 == value


@given(days, st.integers(min_value=1, max_value=40), units)
def test_longer_terms_end_later(start: date, value: int, unit: PeriodUnit) -> None:
    """One more month (or year, or day) never ends sooner."""
    assert term_end(start, value + 1, unit) > term_end(start, value, unit)


def test_month_ends_and_leap_years() -> None:
    """31 Jan + 1 month ends on 28 (or 29) Feb; 29 Feb + 1 year ends on 28 Feb."""
    assert term_end(date(2026, 1, 31), 1, PeriodUnit.MONTHS) == date(2026, 2, 28)
    assert term_end(date(2024, 1, 31), 1, PeriodUnit.MONTHS) == date(2024, 2, 29)
    assert term_end(date(2024, 2, 29), 1, PeriodUnit.YEARS) == date(2025, 2, 28)
    assert term_end(date(2024, 2, 29), 4, PeriodUnit.YEARS) == date(2028, 2, 28)
    assert term_end(date(2020, 1, 1), 5, PeriodUnit.YEARS) == date(2024, 12, 31)
    assert term_end(date(2026, 3, 15), 6, PeriodUnit.MONTHS) == date(2026, 9, 14)


@settings(max_examples=300)
@given(days, periods, st.one_of(st.none(), periods), days)
def test_current_expiry_is_the_term_running_today(
    start: date, initial: tuple, renewal: tuple | None, today: date
) -> None:
    """With renewal the expiry is the end of the term running today; without, the first one."""
    expiry = current_expiry(start, initial, renewal, today)
    first = term_end(start, *initial)
    if renewal is None or today <= first:
        assert expiry == first
    else:
        assert expiry >= today
        # the term that ends at `expiry` started no later than today
        previous_end = first
        while previous_end < today:
            following = term_end(previous_end + timedelta(days=1), *renewal)
            if following >= today:
                break
            previous_end = following
        assert previous_end < today <= expiry


@settings(max_examples=300)
@given(days, periods)
def test_notice_on_the_deadline_takes_effect_by_the_renewal_day(
    expiry: date, notice: tuple
) -> None:
    """Notice given on the deadline ends the agreement no later than the renewal day; a day
    later is too late."""
    from dateutil.relativedelta import relativedelta

    deadline = notice_deadline(expiry, notice)
    value, unit = notice
    effect = deadline + relativedelta(**{unit.value: value})
    renews_on = expiry + timedelta(days=1)
    assert deadline <= expiry
    assert effect <= renews_on
    late = deadline + timedelta(days=1) + relativedelta(**{unit.value: value})
    # At month ends a later day can still land on the renewal day: the deadline errs early.
    assert late > renews_on or (late == renews_on and unit is not PeriodUnit.DAYS)


def test_notice_deadline_examples() -> None:
    """Six months before a 31 December expiry is 1 July; three before 30 November is 1 Sep."""
    assert notice_deadline(date(2024, 12, 31), (6, PeriodUnit.MONTHS)) == date(2024, 7, 1)
    assert notice_deadline(date(2026, 11, 30), (3, PeriodUnit.MONTHS)) == date(2026, 9, 1)
    assert notice_deadline(date(2027, 2, 28), (90, PeriodUnit.DAYS)) == date(2026, 12, 1)


@given(st.sampled_from(list(S)), st.sampled_from(list(S)))
def test_every_refused_transition_says_why(
    current: AgreementStatus, wanted: AgreementStatus
) -> None:
    """A jump is allowed exactly when the lifecycle lists it; otherwise a sentence says why."""
    problem = transition_problem(current, wanted)
    assert (problem is None) == (wanted in NEXT[current])
    if problem is not None:
        assert problem.endswith(".")


def test_the_lifecycle_refuses_the_illegal_jumps() -> None:
    """Signed before initialled, in force before signed, and changes after the end: refused."""
    assert "initialled" in (transition_problem(S.UNDER_NEGOTIATION, S.SIGNED) or "")
    assert "signed" in (transition_problem(S.INITIALLED, S.IN_FORCE) or "")
    assert all(NEXT[status] == frozenset() for status in ENDED)
    assert transition_problem(S.SIGNED, S.IN_FORCE) is None


def test_notice_is_near_from_today_to_the_horizon() -> None:
    """Near means from today to NOTICE_WARNING_DAYS ahead, both included; past or later is not."""
    today = date(2026, 11, 22)
    horizon = today + timedelta(days=NOTICE_WARNING_DAYS)
    assert NOTICE_WARNING_DAYS == 180
    assert notice_is_near(today, today) and notice_is_near(horizon, today)
    assert not notice_is_near(today - timedelta(days=1), today)
    assert not notice_is_near(horizon + timedelta(days=1), today)
    assert not notice_is_near(None, today)


@given(days, days)
def test_near_is_the_default_window(deadline: date, today: date) -> None:
    """The notice rule is the deadline window with its default horizon, for any two days."""
    assert notice_is_near(deadline, today) == falls_within(deadline, today)
    assert falls_within(deadline, today, 0) == (deadline == today)
