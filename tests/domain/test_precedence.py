"""Precedence of heads of mission: class first, then the day functions began; the dean."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilatdesk.domain.enums import MissionClass
from bilatdesk.domain.precedence import (
    CLASS_ORDER,
    HeadOfMission,
    dean_of,
    order_heads_of_mission,
    took_up_functions,
)

A, E, C = MissionClass.AMBASSADOR, MissionClass.ENVOY, MissionClass.CHARGE_D_AFFAIRES

days = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
heads_strategy = st.lists(
    st.builds(
        HeadOfMission,
        key=st.integers(min_value=0, max_value=10_000),
        name_key=st.sampled_from(["adams", "bauer", "chen", "dubois", "ελενη", "王"]),
        mission_class=st.sampled_from(CLASS_ORDER),
        credentials_on=days,
        start_date=days,
        acting=st.booleans(),
    ),
    max_size=25,
    unique_by=lambda head: head.key,
)


def head(
    key: int,
    cls: MissionClass,
    presented: date | None,
    *,
    name: str = "",
    start_date: date | None = None,
    acting: bool = False,
) -> HeadOfMission:
    return HeadOfMission(key, name or f"name {key}", cls, presented, start_date, acting)


def test_class_before_seniority() -> None:
    """A new ambassador outranks an envoy of twenty years, who outranks any chargé."""
    old_envoy = head(1, E, date(2005, 1, 1))
    new_ambassador = head(2, A, date(2026, 11, 1))
    old_charge = head(3, C, None, start_date=date(1999, 1, 1), acting=True)
    ordered = order_heads_of_mission([old_charge, old_envoy, new_ambassador])
    assert [h.key for h in ordered] == [2, 1, 3]


def test_within_a_class_earlier_credentials_first_and_ties_by_name() -> None:
    """Within a class, the earlier day of credentials goes first; the same day goes by name."""
    day = date(2020, 5, 4)
    ordered = order_heads_of_mission(
        [
            head(1, A, day, name="weber"),
            head(2, A, date(2018, 1, 9), name="zola"),
            head(3, A, day, name="alvarez"),
        ]
    )
    assert [h.key for h in ordered] == [2, 3, 1]


def test_charges_order_by_start_and_en_pied_before_ad_interim() -> None:
    """Chargés without letters go by start date; those en pied come before those a.i."""
    ai_old = head(1, C, None, start_date=date(2019, 1, 1), acting=True)
    ai_new = head(2, C, None, start_date=date(2026, 9, 1), acting=True)
    en_pied = head(3, C, date(2025, 3, 3), start_date=date(2025, 2, 1))
    ordered = order_heads_of_mission([ai_new, en_pied, ai_old])
    assert [h.key for h in ordered] == [3, 1, 2]
    assert took_up_functions(ai_old) == date(2019, 1, 1)
    assert took_up_functions(en_pied) == date(2025, 3, 3)


def test_ambassador_without_credentials_follows_those_with() -> None:
    """An ambassador who has not presented credentials ranks last among ambassadors."""
    designate = head(1, A, None, start_date=date(2000, 1, 1))
    presented = head(2, A, date(2026, 11, 20))
    envoy = head(3, E, date(1995, 1, 1))
    assert [h.key for h in order_heads_of_mission([designate, envoy, presented])] == [2, 1, 3]
    assert took_up_functions(designate) is None


def test_dean_is_the_longest_serving_ambassador_or_none() -> None:
    """The dean is the earliest-credentialed ambassador; envoys and chargés never are."""
    envoy = head(1, E, date(1990, 1, 1))
    first = head(2, A, date(2012, 3, 1))
    second = head(3, A, date(2015, 3, 1))
    assert dean_of([second, envoy, first]) == first
    assert dean_of([envoy, head(4, C, date(1980, 1, 1))]) is None
    assert dean_of([head(5, A, None)]) is None
    assert dean_of([]) is None


def test_a_non_head_is_refused() -> None:
    """A membership without a head-of-mission class has no place on the list."""
    with pytest.raises(ValueError, match="not a class of heads of mission"):
        order_heads_of_mission([head(1, MissionClass.NONE, date(2020, 1, 1))])


@given(heads_strategy, st.randoms())
def test_order_does_not_depend_on_input_order(heads: list[HeadOfMission], rng: object) -> None:
    """Any shuffle of the same heads gives the same list (a total, stable order)."""
    shuffled = list(heads)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert order_heads_of_mission(shuffled) == order_heads_of_mission(heads)


@given(heads_strategy)
def test_classes_are_contiguous_and_in_rank_order(heads: list[HeadOfMission]) -> None:
    """The list runs ambassadors, then envoys, then chargés, never mixing them."""
    ordered = order_heads_of_mission(heads)
    ranks = [CLASS_ORDER.index(h.mission_class) for h in ordered]
    assert ranks == sorted(ranks)
    assert sorted(ordered, key=lambda h: h.key) == sorted(heads, key=lambda h: h.key)


@given(heads_strategy)
def test_dated_heads_are_in_date_order_within_their_class(heads: list[HeadOfMission]) -> None:
    """Among heads of one class (and one a.i. standing), earlier days come first."""
    ordered = order_heads_of_mission(heads)
    for cls in CLASS_ORDER:
        for acting in (False, True):
            same = [
                h for h in ordered if h.mission_class == cls and (h.acting and cls == C) == acting
            ]
            dated = [took_up_functions(h) for h in same if took_up_functions(h) is not None]
            assert dated == sorted(dated)  # type: ignore[type-var]
            undated = [h for h in same if took_up_functions(h) is None]
            assert same[len(same) - len(undated) :] == undated


@given(heads_strategy)
def test_dean_is_the_first_presented_ambassador_on_the_list(heads: list[HeadOfMission]) -> None:
    """The dean is exactly the first ambassador on the list who has presented credentials."""
    ordered = order_heads_of_mission(heads)
    presented = [h for h in ordered if h.mission_class == A and h.credentials_on is not None]
    dean = dean_of(heads)
    if presented:
        assert dean == presented[0]
        assert all(dean.credentials_on <= h.credentials_on for h in presented)  # type: ignore[operator]
    else:
        assert dean is None


def test_protocol_rank_puts_each_sides_leader_first_then_office_by_rank() -> None:
    """Principal and host lead; a minister precedes an ambassador, a deputy follows the office,
    and a role with no known word comes last."""
    from bilatdesk.domain.precedence import protocol_rank

    roles = ["note-taker", "Ambassador", "Deputy Minister", "Minister of Economy", "principal"]
    assert sorted(roles, key=protocol_rank) == [
        "principal",
        "Minister of Economy",
        "Deputy Minister",
        "Ambassador",
        "note-taker",
    ]
    assert protocol_rank("host") == protocol_rank("principal")
    assert protocol_rank("Deputy Prime Minister") < protocol_rank("Minister of Finance")
