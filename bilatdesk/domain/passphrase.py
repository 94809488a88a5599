"""How strong a passphrase is, in words a clerk understands (a hint, never a refusal rule)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import IntEnum

MINIMUM_LENGTH = 10

# Passphrases people reach for first; a hint, not a dictionary attack.
_COMMON = frozenset(
    {
        "password",
        "passphrase",
        "123456789",
        "1234567890",
        "qwertyuiop",
        "iloveyou",
        "embassy",
        "ambassador",
        "bilatdesk",
        "letmein",
        "welcome",
        "diplomat",
    }
)


class Strength(IntEnum):
    """From too short to strong; the dialog colours its hint by it."""

    TOO_SHORT = 0
    WEAK = 1
    FAIR = 2
    STRONG = 3


@dataclass(frozen=True)
class StrengthHint:
    strength: Strength
    text: str

    @property
    def acceptable(self) -> bool:
        return self.strength >= Strength.WEAK


def passphrase_strength(passphrase: str) -> StrengthHint:
    """A rough estimate from length and the kinds of characters used (any script counts)."""
    if len(passphrase) < MINIMUM_LENGTH:
        return StrengthHint(
            Strength.TOO_SHORT, f"Too short: use at least {MINIMUM_LENGTH} characters."
        )
    folded = passphrase.casefold()
    if folded in _COMMON or (any(word in folded for word in _COMMON) and len(set(folded)) < 8):
        return StrengthHint(Strength.WEAK, "Weak: it is a word people often choose.")
    pool = 0
    if any(c.islower() for c in passphrase):
        pool += 26
    if any(c.isupper() for c in passphrase):
        pool += 26
    if any(c.isdigit() for c in passphrase):
        pool += 10
    if any(not c.isalnum() for c in passphrase):
        pool += 33
    if any(ord(c) > 127 and c.isalpha() for c in passphrase):
        pool += 100
    distinct = len(set(passphrase))
    bits = min(len(passphrase), distinct * 2) * math.log2(max(pool, 2))
    if bits >= 80:
        return StrengthHint(Strength.STRONG, "Strong.")
    if bits >= 55:
        return StrengthHint(Strength.FAIR, "Fair: a few more words would make it strong.")
    return StrengthHint(Strength.WEAK, "Weak: make it longer, for example four unrelated words.")
