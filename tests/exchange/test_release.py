"""What may leave under a ceiling: one rule for every export format."""

from __future__ import annotations

import pytest

from bilatdesk.domain.classification import DEFAULT_SCHEME
from bilatdesk.domain.errors import ServiceError
from bilatdesk.exchange.release import DEFAULT_CEILING, allowed_codes, may_leave


def test_no_ceiling_lets_everything_leave() -> None:
    """None means no ceiling: no list of codes, and any marking may leave."""
    assert allowed_codes(DEFAULT_SCHEME, None) is None
    assert all(may_leave(code, None) for code in DEFAULT_SCHEME.codes)


@pytest.mark.parametrize("ceiling", ["R", "r", "RESTRICTED", "(R)", " restricted "])
def test_a_ceiling_by_code_name_or_portion_mark(ceiling: str) -> None:
    """Code, name or portion mark, in any case: the codes at or below it."""
    allowed = allowed_codes(DEFAULT_SCHEME, ceiling)
    assert allowed == ("U", "R")
    assert may_leave("U", allowed) and may_leave("R", allowed)
    assert not may_leave("C", allowed) and not may_leave("TS", allowed)


def test_the_default_ceiling_is_unclassified_only() -> None:
    """What the faces propose lets only unclassified records leave."""
    assert allowed_codes(DEFAULT_SCHEME, DEFAULT_CEILING) == ("U",)


def test_an_unknown_ceiling_is_refused_in_a_sentence() -> None:
    """A ceiling the scheme does not know is a ServiceError naming the scheme's levels."""
    with pytest.raises(ServiceError, match=r"The export ceiling 'COSMIC' is not a classification"):
        allowed_codes(DEFAULT_SCHEME, "COSMIC")
