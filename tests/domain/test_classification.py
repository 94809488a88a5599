"""The classification scheme: order, overall marking, ceilings, parsing."""

from __future__ import annotations

import pytest

from bilatdesk.domain.classification import (
    DEFAULT_SCHEME,
    ClassificationLevel,
    ClassificationScheme,
    UnknownClassificationError,
)


def test_default_scheme_is_ordered_as_domain_says() -> None:
    """UNCLASSIFIED < RESTRICTED < CONFIDENTIAL < SECRET < TOP SECRET."""
    assert [level.name for level in DEFAULT_SCHEME.levels] == [
        "UNCLASSIFIED",
        "RESTRICTED",
        "CONFIDENTIAL",
        "SECRET",
        "TOP SECRET",
    ]
    assert DEFAULT_SCHEME.rank("C") > DEFAULT_SCHEME.rank("R")


def test_overall_marking_is_the_highest_part() -> None:
    """A document is marked with the highest classification of its parts."""
    assert DEFAULT_SCHEME.highest(["U", "C", "R"]).code == "C"
    assert DEFAULT_SCHEME.highest([]).code == "U"


def test_ceiling_lists_what_may_leave() -> None:
    """An export ceiling of RESTRICTED lets only U and R leave."""
    assert DEFAULT_SCHEME.at_or_below("R") == ("U", "R")


def test_parse_accepts_code_name_and_portion_mark() -> None:
    """A clerk may type 'confidential', 'C' or '(C)'."""
    assert DEFAULT_SCHEME.parse("confidential").code == "C"
    assert DEFAULT_SCHEME.parse("(TS)").code == "TS"
    with pytest.raises(UnknownClassificationError, match="not a classification"):
        DEFAULT_SCHEME.parse("cosmic")


def test_configurable_scheme_refuses_duplicates() -> None:
    """A configured scheme must have unique codes and at least one level."""
    with pytest.raises(ValueError, match="unique"):
        ClassificationScheme((ClassificationLevel("A", "A", "(A)"),) * 2)
    with pytest.raises(ValueError, match="at least one"):
        ClassificationScheme(())
