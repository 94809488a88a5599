"""A printed document's marking: the highest of exactly the portions it prints, each marked.

Every document (the brief, the cable, the agreements register, the diplomatic list) carries in
its data record the classification of each printed part that holds a classified record's text;
its overall marking is computed from those and nothing else, so a part cannot be printed
without being counted, nor counted without being printed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bilatdesk.domain.classification import ClassificationLevel, ClassificationScheme


@dataclass(frozen=True)
class Marked:
    """One printed line of a classified record's text, with the record's classification."""

    text: str
    classification: str  # the code, e.g. "C"; counted in the overall marking
    portion_mark: str  # as printed before the text, e.g. "(C)"


def marked(scheme: ClassificationScheme, code: str, text: str) -> Marked:
    """`text` of a record classified `code`, ready to print with its portion mark."""
    level = scheme.level(code)
    return Marked(text, level.code, level.portion_mark)


def text_of(line: str | Marked) -> str:
    """The line's own text, without its mark."""
    return line.text if isinstance(line, Marked) else line


def shown(line: str | Marked) -> str:
    """The line as printed: its portion mark, then its text."""
    if isinstance(line, Marked) and line.portion_mark.strip():
        return f"{line.portion_mark} {line.text}"
    return text_of(line)


def classifications(lines: Iterable[str | Marked]) -> list[str]:
    """The codes of the marked lines that print (a blank line prints nothing)."""
    return [
        line.classification
        for line in lines
        if isinstance(line, Marked) and line.text.strip() and line.classification
    ]


def overall_marking(scheme: ClassificationScheme, portions: Iterable[str]) -> ClassificationLevel:
    """The document's marking: the highest of its printed portions' codes ("" is unmarked)."""
    return scheme.highest(code for code in portions if code)
