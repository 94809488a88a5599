"""The one marking rule: the highest of the printed portions, each shown after its mark."""

from __future__ import annotations

from bilatdesk.domain.classification import DEFAULT_SCHEME
from bilatdesk.domain.marking import classifications, marked, overall_marking, shown, text_of


def test_overall_marking_is_the_highest_printed_portion() -> None:
    """Unmarked parts ("") do not count; nothing printed is the lowest level."""
    assert overall_marking(DEFAULT_SCHEME, ["U", "", "C", "R"]).name == "CONFIDENTIAL"
    assert overall_marking(DEFAULT_SCHEME, ["", ""]).name == "UNCLASSIFIED"


def test_a_marked_line_prints_after_its_portion_mark() -> None:
    """A record's line carries its mark; plain text prints as it is."""
    line = marked(DEFAULT_SCHEME, "S", "12 Mar 2026: Courtesy call")
    assert shown(line) == "(S) 12 Mar 2026: Courtesy call"
    assert text_of(line) == "12 Mar 2026: Courtesy call"
    assert shown("plain") == "plain"


def test_blank_lines_print_nothing_and_count_nothing() -> None:
    """Only the marked lines that print are counted."""
    lines = [marked(DEFAULT_SCHEME, "S", " "), marked(DEFAULT_SCHEME, "R", "x"), "y"]
    assert classifications(lines) == ["R"]
