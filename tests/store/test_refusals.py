"""The unit of work's safety net: a refusal the services did not foresee is a logged sentence."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.store.database import Database
from bilatdesk.store.errors import RefusedByDatabaseError


def test_a_broken_key_is_a_sentence_and_is_logged(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """A row the schema refuses reaches the caller as a ServiceError sentence; the log keeps
    the cause."""
    with (
        caplog.at_level(logging.WARNING, logger="bilatdesk.store.database"),
        pytest.raises(ServiceError) as refused,
        database.session() as session,
    ):
        session.execute(text("INSERT INTO country_status (country_id) VALUES (999999)"))
    assert isinstance(refused.value, RefusedByDatabaseError)
    assert isinstance(refused.value.__cause__, IntegrityError)
    assert str(refused.value).endswith("so nothing was saved.")
    assert "refused by the database" in caplog.text


def test_text_the_database_cannot_store_is_a_sentence(database: Database) -> None:
    """A lone surrogate that slipped past the fields ends as a sentence, not UnicodeEncodeError."""
    with (
        pytest.raises(RefusedByDatabaseError, match="unpaired surrogate"),
        database.session() as session,
    ):
        session.execute(text("UPDATE setting SET value = :v WHERE 1 = 0"), {"v": "a\ud800"})
