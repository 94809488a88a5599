"""A person's protocol block: as recorded, the facts the rules need, and the one in use."""

from __future__ import annotations

from datetime import date

from bilatdesk.domain import Person
from bilatdesk.domain.protocol import (
    ProtocolBlock,
    ProtocolFacts,
    effective_protocol,
    is_accredited_ambassador,
    propose_protocol,
)


def stored_protocol(person: Person) -> ProtocolBlock:
    """The protocol fields as recorded: blanks mean "use the proposed default"."""
    return ProtocolBlock(
        honorific=person.honorific,
        rank=person.rank,
        addressee_line=person.addressee_line,
        salutation=person.salutation,
        complimentary_close=person.complimentary_close,
        form_of_address=person.form_of_address,
        correspondence_language=person.correspondence_language,
    )


def protocol_of(person: Person, today: date) -> ProtocolBlock:
    """The protocol block in use on a day: what is recorded, else the proposed default."""
    return effective_protocol(
        stored_protocol(person), propose_protocol(protocol_facts(person, today))
    )


def protocol_facts(person: Person, today: date) -> ProtocolFacts:
    """What the protocol rules need, derived from the record and its posts held today."""
    current = [m for m in person.memberships if m.is_current(today)]
    accredited = is_accredited_ambassador(
        ((m.mission_class, m.credentials_on) for m in current), today
    )
    return ProtocolFacts(
        gender=person.gender,
        rank=person.rank,
        honorific=person.honorific,
        given_name=person.given_name,
        family_name=person.family_name,
        accredited_ambassador=accredited,
        current_posts=tuple(m.post.title for m in current),
        languages=person.languages,
        name_order=person.name_order,
    )
