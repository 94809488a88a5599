"""Refusals with a sentence: the base every layer raises when it says no to a clerk."""

from __future__ import annotations

from collections.abc import Mapping


class ServiceError(Exception):
    """Base of every refusal; str() is the sentence to show."""


class ValidationError(ServiceError):
    """Input refused; `errors` maps each field to what is wrong with it."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))
