"""Protocol rules: Excellency only for accredited ambassadors, ministers by office, defaults."""

from __future__ import annotations

from dataclasses import astuple, fields, replace

from hypothesis import given
from hypothesis import strategies as st

from bilatdesk.domain.enums import Gender
from bilatdesk.domain.names import ordered_name
from bilatdesk.domain.protocol import (
    RANKS,
    ProtocolBlock,
    ProtocolFacts,
    effective_protocol,
    propose_protocol,
)

BASE = ProtocolFacts(
    gender=Gender.MALE,
    rank="",
    honorific="",
    given_name="Georgios",
    family_name="Konstantinou",
    accredited_ambassador=False,
    current_posts=(),
    languages="el, en",
)

texts = st.text(max_size=60)
facts = st.builds(
    ProtocolFacts,
    gender=st.sampled_from(list(Gender)),
    rank=texts,
    honorific=texts,
    given_name=texts,
    family_name=texts,
    accredited_ambassador=st.booleans(),
    current_posts=st.lists(texts, max_size=3).map(tuple),
    languages=texts,
)
blocks = st.builds(ProtocolBlock, *(texts for _ in fields(ProtocolBlock)))


def test_ranks_run_from_ambassador_to_attache() -> None:
    """The ranks are the eight of a diplomatic list, highest first."""
    assert RANKS[0] == "Ambassador Extraordinary and Plenipotentiary"
    assert RANKS[-1] == "Attaché"
    assert len(RANKS) == len(set(RANKS)) == 8


def test_an_accredited_ambassador_is_his_excellency() -> None:
    """Credentials presented: H.E., "Excellency," and the assurances of highest consideration."""
    block = propose_protocol(
        replace(
            BASE,
            accredited_ambassador=True,
            current_posts=("Ambassador Extraordinary and Plenipotentiary",),
        )
    )
    assert block.honorific == "H.E."
    assert block.addressee_line == (
        "His Excellency Mr Georgios Konstantinou\nAmbassador Extraordinary and Plenipotentiary"
    )
    assert block.salutation == "Excellency,"
    assert block.form_of_address == "Your Excellency"
    assert block.complimentary_close == (
        "Please accept, Excellency, the assurances of my highest consideration."
    )
    assert block.rank == "Ambassador Extraordinary and Plenipotentiary"


def test_excellency_follows_gender_and_is_neutral_when_unknown() -> None:
    """Her Excellency for a woman, His/Her Excellency when the gender is not recorded."""
    ambassador = replace(BASE, accredited_ambassador=True, given_name="Ana", family_name="Kovač")
    female = propose_protocol(replace(ambassador, gender=Gender.FEMALE))
    unknown = propose_protocol(replace(ambassador, gender=Gender.UNSPECIFIED))
    assert female.addressee_line == "Her Excellency Ms Ana Kovač"
    assert unknown.addressee_line == "His/Her Excellency Ana Kovač"


def test_an_ambassador_not_yet_accredited_is_not_excellency() -> None:
    """Named but without credentials presented: Mr, not His Excellency, even if a card says H.E."""
    block = propose_protocol(
        replace(
            BASE, honorific="H.E.", current_posts=("Ambassador Extraordinary and Plenipotentiary",)
        )
    )
    assert "Excellency" not in block.addressee_line + block.salutation + block.form_of_address
    assert block.honorific == ""
    assert block.salutation == "Dear Mr Konstantinou,"


def test_a_minister_is_addressed_by_office() -> None:
    """Minister of Foreign Affairs: office first on the envelope, "Dear Minister,"."""
    block = propose_protocol(replace(BASE, current_posts=("Minister of Foreign Affairs",)))
    assert block.addressee_line == "Minister of Foreign Affairs\nMr Georgios Konstantinou"
    assert block.salutation == "Dear Minister,"
    assert block.form_of_address == "Minister"
    assert block.complimentary_close == "Yours sincerely,"


def test_deputy_and_prime_ministers_keep_their_office() -> None:
    """Deputy Minister and Prime Minister are named as such, not plain "Minister"."""
    deputy = propose_protocol(replace(BASE, current_posts=("Deputy Minister of Economy",)))
    prime = propose_protocol(replace(BASE, current_posts=("Prime Minister",)))
    assert deputy.salutation == "Dear Deputy Minister,"
    assert prime.form_of_address == "Prime Minister"


def test_minister_counsellor_is_a_rank_not_a_minister() -> None:
    """Minister-Counsellor and Minister Plenipotentiary are diplomats, written to by name."""
    for post in ("Minister-Counsellor", "Minister Plenipotentiary", "Ministerialrat"):
        block = propose_protocol(replace(BASE, current_posts=(post,)))
        assert block.salutation == "Dear Mr Konstantinou,", post
    assert propose_protocol(replace(BASE, current_posts=("Minister-Counsellor",))).rank == (
        "Minister-Counsellor"
    )


def test_a_minister_found_among_several_posts() -> None:
    """The cabinet post decides, even when another post is listed first."""
    block = propose_protocol(
        replace(BASE, current_posts=("Member of Parliament", "Minister of Culture"))
    )
    assert block.addressee_line.startswith("Minister of Culture\n")
    assert block.salutation == "Dear Minister,"


def test_others_get_title_and_surname() -> None:
    """Dear Ms Family, for a woman; Mx for a gender recorded as other."""
    woman = propose_protocol(
        replace(BASE, gender=Gender.FEMALE, given_name="Maria", family_name="Nikolaou")
    )
    assert woman.salutation == "Dear Ms Nikolaou,"
    assert woman.form_of_address == "Ms Nikolaou"
    assert woman.complimentary_close == "Yours sincerely,"
    other = propose_protocol(replace(BASE, gender=Gender.OTHER))
    assert other.salutation == "Dear Mx Konstantinou,"


def test_unknown_gender_uses_the_full_name() -> None:
    """No gender and no title: nobody is misgendered, the full name is used."""
    block = propose_protocol(replace(BASE, gender=Gender.UNSPECIFIED))
    assert block.salutation == "Dear Georgios Konstantinou,"
    assert block.addressee_line == "Georgios Konstantinou"


def test_doctor_is_respected() -> None:
    """Dr replaces Mr/Ms everywhere, and is kept as the honorific."""
    block = propose_protocol(
        replace(
            BASE,
            gender=Gender.FEMALE,
            honorific="Dr",
            given_name="Zoë",
            family_name="Überbacher",
            current_posts=("Secretary-General",),
        )
    )
    assert block.addressee_line == "Dr Zoë Überbacher\nSecretary-General"
    assert block.salutation == "Dear Dr Überbacher,"
    assert block.honorific == "Dr"
    minister = propose_protocol(replace(BASE, honorific="Dr", current_posts=("Minister",)))
    assert minister.addressee_line == "Minister\nDr Georgios Konstantinou"
    ambassador = propose_protocol(replace(BASE, honorific="Dr", accredited_ambassador=True))
    assert ambassador.addressee_line == "His Excellency Dr Georgios Konstantinou"


def test_language_is_the_first_listed() -> None:
    """de, en gives de; semicolons and spaces are allowed; nothing gives nothing."""
    assert propose_protocol(replace(BASE, languages="de, en")).correspondence_language == "de"
    assert propose_protocol(replace(BASE, languages=" ; fr;en")).correspondence_language == "fr"
    assert propose_protocol(replace(BASE, languages="")).correspondence_language == ""


def test_recorded_rank_wins_over_a_post() -> None:
    """A recorded rank is kept; without one, a post named like a rank proposes it."""
    assert propose_protocol(replace(BASE, rank="Counsellor")).rank == "Counsellor"
    assert propose_protocol(replace(BASE, current_posts=("first secretary",))).rank == (
        "First Secretary"
    )


def test_names_in_any_script_survive() -> None:
    """Greek, Arabic and Chinese names are written into the block unchanged."""
    for first, family in (("Γεώργιος", "Κωνσταντίνου"), ("ليلى", "الحسن"), ("立新", "王")):
        block = propose_protocol(replace(BASE, given_name=first, family_name=family))
        assert block.salutation == f"Dear Mr {family},"
        # In their own order: "王立新" is family first and unspaced (domain.names).
        assert ordered_name(first, family) in block.addressee_line
    assert (
        "Mr 王立新"
        in propose_protocol(replace(BASE, given_name="立新", family_name="王")).addressee_line
    )


@given(facts)
def test_excellency_only_for_accredited_ambassadors(f: ProtocolFacts) -> None:
    """Whatever the facts, "Excellency" and H.E. are proposed only to accredited ambassadors."""
    block = propose_protocol(f)
    typed = " ".join((f.rank, f.honorific, f.given_name, f.family_name, *f.current_posts))
    if f.accredited_ambassador:
        assert block.salutation == "Excellency,"
        assert block.honorific == "H.E."
    else:
        assert block.honorific != "H.E."
        if "Excellency" not in typed:
            assert "Excellency" not in " ".join(astuple(block))


@given(facts)
def test_every_proposal_is_complete(f: ProtocolFacts) -> None:
    """Salutation, close and (for named people) the addressee are never empty."""
    block = propose_protocol(f)
    assert block.salutation.endswith(",")
    assert block.complimentary_close
    if f.given_name.strip() or f.family_name.strip():
        assert block.addressee_line


@given(blocks, blocks)
def test_stored_fields_win_and_blanks_fall_back(
    stored: ProtocolBlock, proposed: ProtocolBlock
) -> None:
    """Each field of the effective block is the stored one unless it is blank."""
    effective = effective_protocol(stored, proposed)
    for field in fields(ProtocolBlock):
        own = getattr(stored, field.name)
        expected = own if own.strip() else getattr(proposed, field.name)
        assert getattr(effective, field.name) == expected


@given(blocks)
def test_an_empty_stored_block_gives_the_proposal(proposed: ProtocolBlock) -> None:
    """Nothing stored: the proposal is used whole."""
    assert effective_protocol(ProtocolBlock(), proposed) == proposed
