"""The national classification scheme: ordered levels, portion marks, overall marking rule."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ClassificationLevel:
    """One level of the scheme, e.g. CONFIDENTIAL marked (C)."""

    code: str
    name: str
    portion_mark: str
    eu_equivalent: str = ""


class UnknownClassificationError(ValueError):
    """A code that the configured scheme does not know."""


@dataclass(frozen=True)
class ClassificationScheme:
    """An ordered scheme, lowest first. Comparisons go by position, never by name."""

    levels: tuple[ClassificationLevel, ...]

    def __post_init__(self) -> None:
        codes = [level.code for level in self.levels]
        if not codes:
            raise ValueError("a classification scheme needs at least one level")
        if len(set(codes)) != len(codes):
            raise ValueError("classification codes must be unique")

    @property
    def lowest(self) -> ClassificationLevel:
        return self.levels[0]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(level.code for level in self.levels)

    def level(self, code: str) -> ClassificationLevel:
        for level in self.levels:
            if level.code == code:
                return level
        raise UnknownClassificationError(
            f"'{code}' is not a classification of this scheme ({', '.join(self.codes)})"
        )

    def rank(self, code: str) -> int:
        return self.levels.index(self.level(code))

    def highest(self, codes: Iterable[str]) -> ClassificationLevel:
        """The overall marking of a document: the highest of its parts."""
        ranks = [self.rank(code) for code in codes]
        return self.levels[max(ranks)] if ranks else self.lowest

    def at_or_below(self, ceiling: str) -> tuple[str, ...]:
        """The codes that may leave under an export ceiling."""
        return self.codes[: self.rank(ceiling) + 1]

    def parse(self, text: str) -> ClassificationLevel:
        """Accept a code, a name or a portion mark, in any case."""
        wanted = text.strip().strip("()").casefold()
        for level in self.levels:
            if wanted in {level.code.casefold(), level.name.casefold()}:
                return level
            if wanted == level.portion_mark.strip("()").casefold():
                return level
        raise UnknownClassificationError(
            f"'{text}' is not a classification of this scheme ({', '.join(self.codes)})"
        )


DEFAULT_SCHEME = ClassificationScheme(
    (
        ClassificationLevel("U", "UNCLASSIFIED", "(U)"),
        ClassificationLevel("R", "RESTRICTED", "(R)", "RESTREINT UE"),
        ClassificationLevel("C", "CONFIDENTIAL", "(C)", "CONFIDENTIEL UE"),
        ClassificationLevel("S", "SECRET", "(S)", "SECRET UE"),
        ClassificationLevel("TS", "TOP SECRET", "(TS)", "TRÈS SECRET UE"),
    )
)
