"""Agreements: one dated event fills history and parties; recorded at once; the register's check."""

from __future__ import annotations

from datetime import date

import pytest

from bilatdesk.domain import AgreementStatus, ConsentMethod
from bilatdesk.services.agreements.records import (
    AgreementInput,
    PartyInput,
    Recording,
    StatusStep,
)
from bilatdesk.services.agreements.service import AgreementService
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.kernel.errors import ValidationError
from bilatdesk.store.database import Database

S = AgreementStatus
TODAY = date(2026, 1, 15)


def _data(country_id: int | None = None, **changes: object) -> AgreementInput:
    base = AgreementInput(
        title="Agreement on Cultural Cooperation",
        country_id=country_id,
        parties=(
            PartyInput("Our state", consent_method=ConsentMethod.RATIFICATION),
            PartyInput("Austria", consent_method=ConsentMethod.DEFINITIVE_SIGNATURE),
        ),
    )
    return AgreementInput(**{**base.__dict__, **changes})


@pytest.fixture
def austria(database: Database) -> int:
    return CountryService(database).create(CountryInput("AT")).id


def test_signature_event_dates_every_party(database: Database, austria: int) -> None:
    """Signed on 21 May 2022 at Vienna: the history and both parties say so, once."""
    service = AgreementService(database)
    made = service.create(_data(austria), S.INITIALLED, on=date(2022, 1, 10))
    signed = service.change_status(
        made.id, S.SIGNED, on=date(2022, 5, 21), place="Vienna", expected_version=made.version
    )
    assert [(p.signature_date, p.signature_place) for p in signed.data.parties] == [
        (date(2022, 5, 21), "Vienna"),
        (date(2022, 5, 21), "Vienna"),
    ]
    # Austria consents by its signature; we ratify later.
    assert [p.consent_date for p in signed.data.parties] == [None, date(2022, 5, 21)]
    assert signed.problems == ()


def test_entry_into_force_event_fills_in_force_since(database: Database, austria: int) -> None:
    """Recording entry into force dates "in force since" and each party's; no second typing."""
    service = AgreementService(database)
    made = service.create(_data(austria), S.SIGNED, on=date(2022, 5, 21))
    in_force = service.change_status(
        made.id, S.IN_FORCE, on=date(2022, 9, 1), expected_version=made.version
    )
    assert in_force.data.entry_into_force == date(2022, 9, 1)
    assert {p.entry_into_force for p in in_force.data.parties} == {date(2022, 9, 1)}


def test_agreement_in_force_recorded_in_one_go(database: Database, austria: int) -> None:
    """Each step keeps its own day; the record and the parties get theirs from the steps."""
    recording = Recording(
        (
            StatusStep(S.INITIALLED, date(2019, 1, 15), ""),
            StatusStep(S.SIGNED, date(2019, 3, 4), ""),
            StatusStep(S.IN_FORCE, date(2019, 9, 1), ""),
        ),
        signed_at="Vienna",
        consent_on=date(2019, 7, 30),
    )
    made = AgreementService(database).record(_data(austria), recording)
    assert made.status is S.IN_FORCE
    assert [(h.status, h.on) for h in made.history] == [
        (S.INITIALLED, date(2019, 1, 15)),
        (S.SIGNED, date(2019, 3, 4)),
        (S.IN_FORCE, date(2019, 9, 1)),
    ]
    assert made.data.entry_into_force == date(2019, 9, 1)
    assert [p.consent_date for p in made.data.parties] == [date(2019, 7, 30), date(2019, 3, 4)]
    assert {p.signature_place for p in made.data.parties} == {"Vienna"}
    assert made.problems == ()


def test_steps_out_of_order_are_refused(database: Database) -> None:
    """In force dated before the signature is refused at the status, nothing is stored."""
    service = AgreementService(database)
    with pytest.raises(ValidationError) as refused:
        service.record(
            _data(),
            Recording(
                (
                    StatusStep(S.SIGNED, date(2019, 3, 4), ""),
                    StatusStep(S.IN_FORCE, date(2019, 1, 1), ""),
                )
            ),
        )
    assert "before the step ahead of it" in refused.value.errors["status"]
    assert service.choices() == []


def test_register_check_lists_contradictions_in_sentences(database: Database, austria: int) -> None:
    """An agreement in force before its parties signed is listed, one that agrees is not."""
    service = AgreementService(database)
    parties = tuple(
        PartyInput(name, signature_date=date(2022, 5, 21)) for name in ("Us", "Austria")
    )
    wrong = service.create(
        _data(austria, title="Wrong", parties=parties), S.IN_FORCE, on=date(2022, 1, 1)
    )
    service.create(_data(austria, title="Right", parties=parties), S.IN_FORCE, on=date(2022, 9, 1))
    [check] = service.check(austria, today=TODAY)
    assert (check.agreement_id, check.title, check.country) == (wrong.id, "Wrong", "Austria")
    assert "In force since 1 January 2022, before it was signed (21 May 2022)." in check.sentences
    assert service.check(None, today=TODAY) == [check]
    row = next(r for r in service.list(today=TODAY).rows if r.id == wrong.id)
    assert row.problems == check.sentences
    assert {c.field for c in service.get(wrong.id, today=TODAY).problems} == {"entry_into_force"}
