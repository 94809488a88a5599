"""Writing vCards without a database: folding, and PersonOut records in, bytes out."""

from __future__ import annotations

import pytest

from bilatdesk.exchange.vcard.write import fold_line


@pytest.mark.parametrize("text", ["a" * 200, "é" * 100, "李" * 80, "a" + "🙂" * 40, "x"])
def test_fold_line_round_trips(text: str) -> None:
    """Unfolding a folded line gives the line back, whatever its script."""
    folded = fold_line("NOTE:" + text)
    assert all(len(piece) <= 75 for piece in folded.split(b"\r\n"))
    assert folded.replace(b"\r\n ", b"").decode() == "NOTE:" + text + "\r\n"
