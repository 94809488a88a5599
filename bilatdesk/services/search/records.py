"""What a global search asks for and gets back, and where its words show in a text."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from bilatdesk.domain.text import fold, search_terms

KINDS = (
    "person",
    "organisation",
    "engagement",
    "commitment",
    "cable",
    "agreement",
    "visit",
    "attachment",
)
KIND_LABELS = {
    "person": "People",
    "organisation": "Organisations",
    "engagement": "Engagements",
    "commitment": "Commitments",
    "cable": "Cables",
    "agreement": "Agreements",
    "visit": "Visits",
    "attachment": "Attachments",
}
SCREEN_CEILING_KEY = "screen_ceiling"
"""The setting naming the highest classification any list or search may show on screen."""


@dataclass(frozen=True)
class SearchQuery:
    """The words typed and the filters: kinds (all when empty), country, dates, tag, level."""

    text: str
    kinds: tuple[str, ...] = ()
    country_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    tag_id: int | None = None
    classification: str | None = None
    limit: int = 50


@dataclass(frozen=True)
class SearchHit:
    """One record found: its kind, keys, what to show and when it dates from."""

    kind: str
    id: int
    uid: uuid.UUID | None
    title: str
    snippet: str
    when: date | None
    classification: str = "U"
    owner: tuple[str, int] | None = None  # an attachment's record: (table, id)


@dataclass(frozen=True)
class SearchGroup:
    """The hits of one kind, best or newest first, and how many there are in all."""

    kind: str
    label: str
    hits: tuple[SearchHit, ...]
    total: int
    total_exact: bool = True


@dataclass(frozen=True)
class SearchResults:
    """Every kind's group (kinds with no hit left out) and the folded terms to highlight."""

    groups: tuple[SearchGroup, ...]
    terms: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def hits(self) -> tuple[SearchHit, ...]:
        return tuple(hit for group in self.groups for hit in group.hits)


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """`text` folded, and for each folded character the index of the character it came from."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        folded = fold(char)
        out.append(folded)
        where.extend([index] * len(folded))
    return "".join(out), where


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the words of `query` start words of `text`: (start, end) in `text`, in order.

    Case and accents do not count, as in the search itself."""
    folded, where = _folded_with_map(text)
    spans: list[tuple[int, int]] = []
    for term in search_terms(fold(query)):
        needle = term[0] if len(term) == 1 else "".join(term)
        start = 0
        while (found := folded.find(needle, start)) >= 0:
            start = found + 1
            if len(term) == 1 and found and folded[found - 1].isalnum() and needle.isascii():
                continue  # the middle of a word: "ana" does not light up "Banana"
            end = found + len(needle)
            spans.append((where[found], where[end - 1] + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged and span[0] <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span[1]))
        else:
            merged.append(span)
    return merged


def snippet_of(text: str, query: str, width: int = 120) -> str:
    """One line of `text` around the first word of `query` it holds (its start otherwise)."""
    line = " ".join(text.split())
    spans = highlight_spans(line, query)
    start = max(0, spans[0][0] - width // 3) if spans else 0
    piece = line[start : start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(line) else ""
    return prefix + piece + suffix


def relevance(title: str, query: str) -> int:
    """How many of the query's terms start a word of the title: a title hit ranks first."""
    words = search_terms(fold(title))
    flat = " " + " ".join(" ".join(term) for term in words)
    return sum(1 for term in search_terms(fold(query)) if f" {' '.join(term)}" in flat)
