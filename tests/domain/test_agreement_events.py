"""One dated event fills the history and the parties' dates; contradictions are named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bilatdesk.domain.agreement_rules import (
    AgreementDates,
    AgreementStatus,
    ConsentMethod,
    consent_party_dates,
    contradictions,
    event_party_dates,
    implied_change,
    path_to,
    steps_problem,
)

S = AgreementStatus
TODAY = date(2026, 1, 15)
SIGNED = date(2022, 5, 21)


@dataclass(frozen=True)
class Party:
    name: str
    signature_date: date | None = None
    consent_method: ConsentMethod = ConsentMethod.UNSPECIFIED
    consent_date: date | None = None
    entry_into_force: date | None = None


def _dates(
    history: list[tuple[AgreementStatus, date]],
    in_force: date | None = None,
    parties: tuple[Party, ...] = (Party("Us", SIGNED), Party("Austria", SIGNED)),
    provisional: date | None = None,
) -> AgreementDates:
    return AgreementDates(history[-1][0], history, in_force, provisional, parties)


def test_signature_event_dates_each_party_and_its_place() -> None:
    """Signed on 21 May 2022 at Vienna: signature date and place; definitive signature consents."""
    assert event_party_dates(S.SIGNED, SIGNED, "Vienna", ConsentMethod.RATIFICATION) == {
        "signature_date": SIGNED,
        "signature_place": "Vienna",
    }
    assert event_party_dates(S.SIGNED, SIGNED, "", ConsentMethod.DEFINITIVE_SIGNATURE) == {
        "signature_date": SIGNED,
        "consent_date": SIGNED,
    }
    assert event_party_dates(S.IN_FORCE, TODAY, "", ConsentMethod.UNSPECIFIED) == {
        "entry_into_force": TODAY
    }
    assert event_party_dates(S.UNDER_NEGOTIATION, TODAY, "x", ConsentMethod.UNSPECIFIED) == {}
    assert consent_party_dates(TODAY, ConsentMethod.DEFINITIVE_SIGNATURE) == {}


def test_path_to_a_status_runs_through_signature_and_entry_into_force() -> None:
    """An agreement recorded as terminated was negotiated, initialled, signed and in force."""
    assert path_to(S.IN_FORCE) == (S.UNDER_NEGOTIATION, S.INITIALLED, S.SIGNED, S.IN_FORCE)
    assert path_to(S.TERMINATED)[-2:] == (S.IN_FORCE, S.TERMINATED)
    assert path_to(S.PROPOSED) == (S.PROPOSED,)


def test_steps_recorded_at_once_follow_the_lifecycle_and_the_calendar() -> None:
    """Steps out of order or a day before the previous step are refused with a sentence."""
    assert steps_problem([(S.INITIALLED, date(2022, 1, 1)), (S.SIGNED, SIGNED)]) is None
    assert "initialled" in (steps_problem([(S.PROPOSED, SIGNED), (S.SIGNED, SIGNED)]) or "")
    late = steps_problem([(S.SIGNED, SIGNED), (S.IN_FORCE, date(2022, 1, 1))])
    assert late == "In force is dated 1 January 2022, before the step ahead of it (21 May 2022)."


def test_a_typed_date_implies_the_next_status_change() -> None:
    """Party signature dates imply the signature (on the last day); in force since, entry."""
    parties = (Party("Us", date(2022, 5, 20)), Party("Austria", SIGNED))
    assert implied_change(S.INITIALLED, None, None, parties) == (S.SIGNED, SIGNED)
    assert implied_change(S.SIGNED, TODAY, None, parties) == (S.IN_FORCE, TODAY)
    assert implied_change(S.IN_FORCE, TODAY, None, parties) is None
    assert implied_change(S.UNDER_NEGOTIATION, None, None, parties) is None


def test_agreeing_dates_have_no_contradiction() -> None:
    """Signed on the day the parties signed, in force on the day "in force since" says."""
    history = [(S.INITIALLED, date(2022, 1, 1)), (S.SIGNED, SIGNED), (S.IN_FORCE, TODAY)]
    assert contradictions(_dates(history, TODAY), TODAY) == []


def test_each_contradiction_is_said_at_its_field() -> None:
    """In force before signature, a party's differing signature, an end before the start."""
    history = [
        (S.SIGNED, date(2022, 6, 1)),
        (S.IN_FORCE, date(2022, 7, 1)),
        (S.TERMINATED, date(2022, 3, 1)),
    ]
    found = contradictions(_dates(history, date(2022, 4, 1)), TODAY)
    by_field = {(c.field, c.sentence) for c in found}
    assert (
        "parties",
        "Us signed on 21 May 2022, but the history records the signature on 1 June 2022.",
    ) in by_field
    assert (
        "entry_into_force",
        "In force since 1 April 2022, before it was signed (1 June 2022).",
    ) in by_field
    assert (
        "entry_into_force",
        "In force since 1 April 2022, but the history records in force on 1 July 2022.",
    ) in by_field
    assert ("status", "Terminated on 1 March 2022, before it took effect (1 April 2022).") in (
        by_field
    )


def test_dates_ahead_of_the_status_are_contradictions() -> None:
    """Signed parties of an initialled text, and a past in force date of a signed one."""
    initialled = contradictions(_dates([(S.INITIALLED, date(2022, 1, 1))]), TODAY)
    assert [c.field for c in initialled] == ["parties", "parties"]
    assert "still initialled" in initialled[0].sentence
    signed = contradictions(_dates([(S.SIGNED, SIGNED)], in_force=date(2023, 1, 1)), TODAY)
    assert [c.sentence for c in signed] == [
        "In force since 1 January 2023, but the agreement is signed."
    ]
    planned = contradictions(_dates([(S.SIGNED, SIGNED)], in_force=date(2027, 1, 1)), TODAY)
    assert planned == []  # a day of entry into force still ahead is a plan, not a contradiction


def test_provisional_application_before_signature_is_a_contradiction() -> None:
    """Applying an agreement before anyone signed it cannot be true."""
    history = [(S.SIGNED, SIGNED), (S.PROVISIONALLY_APPLIED, date(2022, 1, 1))]
    found = contradictions(_dates(history, provisional=date(2022, 1, 1)), TODAY)
    assert [c.field for c in found] == ["provisional_application_from"]
