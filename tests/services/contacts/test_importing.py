"""Importing contact cards: create, update, skip, refuse; dry runs; all or nothing; cancel."""

from __future__ import annotations

import gc
import io
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text

from bilatdesk.domain import AuditEntry, ContactPoint, Membership, Organisation, Person, Post, Tag
from bilatdesk.exchange.csv.read import read_csv_cards
from bilatdesk.exchange.records import CardProblem, CardValue, ContactCard, Outcome
from bilatdesk.exchange.vcard.read import read_vcards
from bilatdesk.services.contacts import importing as contact_import
from bilatdesk.services.contacts.csv_export import export_csv
from bilatdesk.services.contacts.importing import (
    ImportCancelledError,
    ImportFailedError,
    import_cards,
)
from bilatdesk.services.contacts.vcard_export import export_vcards
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.services.search.records import SearchQuery
from bilatdesk.services.search.service import SearchService
from bilatdesk.store.database import Database
from bilatdesk.store.search import sqlite_fts_insert_trigger
from tests import paths

DATA = paths.DATA / "vcards"
TODAY = date(2026, 11, 22)


def _file(name: str) -> Iterator[ContactCard | CardProblem]:
    with (DATA / name).open("rb") as stream:
        yield from read_vcards(stream)


def _count(db: Database, entity: type) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(entity)) or 0)


def _person(db: Database, family: str) -> Person:
    with db.read() as session:
        person = session.scalars(select(Person).where(Person.family_name == family)).one()
        session.expunge(person)
        return person


def _card(line: int, family: str, given: str = "", **fields: object) -> ContactCard:
    return ContactCard(line=line, family_name=family, given_name=given, **fields)  # type: ignore[arg-type]


def test_creates_people_with_every_field(database: Database) -> None:
    """An iPhone card becomes a person with contacts, post in the unit, tags, photo, note."""
    report = import_cards(database, _file("iphone.vcf"), dry_run=False, today=TODAY)
    assert [(line.line, line.outcome) for line in report.lines] == [
        (1, Outcome.CREATE),
        (31, Outcome.CREATE),
        (39, Outcome.REFUSE),
    ]
    assert report.summary() == "2 created, 0 updated, 0 skipped, 1 refused"
    eleni = PersonService(database).get(_person(database, "Papadopoulou").id, today=TODAY)
    assert eleni.uid == uuid.UUID("6F9619FF-8B86-D011-B42D-00C04FC964FF")
    assert eleni.data.honorific == "Dr"
    assert eleni.data.emails == ("eleni.papadopoulou@mfa.example.gr",)
    assert eleni.data.phones == ("+30 694 123 4567", "+30 21 0368 1000")  # international form
    assert eleni.data.address == "Vasilissis Sofias 1, Athens, 106 71, Greece"
    assert (eleni.data.birth_date, eleni.birthday) == (None, 325)
    assert eleni.data.biography.startswith("Prefers French")
    assert eleni.has_photo
    assert sorted(tag.name for tag in eleni.tags) == ["Culture", "Greece"]
    (post,) = eleni.memberships
    assert (post.post_title, post.organisation, post.current) == ("Head of Unit", "Unit A3", True)
    with database.read() as session:
        labels = session.scalars(
            select(ContactPoint.label)
            .where(ContactPoint.person_id == eleni.id)
            .order_by(ContactPoint.position)
        ).all()
        chain = []
        node = session.scalars(select(Organisation).where(Organisation.name == "Unit A3")).one()
        while node is not None:
            chain.append((node.name, node.kind.value))
            node = node.parent
        photo = session.scalar(select(Person.photo).where(Person.id == eleni.id))
    assert labels == ["", "cell", "work", ""]  # the address keeps no type
    assert chain == [
        ("Unit A3", "unit"),
        ("Directorate for Bilateral Relations", "directorate"),
        ("Ministry of Foreign Affairs", "other"),
    ]
    assert photo is not None and bytes(photo)[:2] == b"\xff\xd8"


def test_imported_people_are_found_by_search(database: Database) -> None:
    """Search finds imported people in every script, accents folded, on both backends."""
    for name in ("iphone.vcf", "android.vcf", "outlook.vcf", "thunderbird.vcf"):
        import_cards(database, _file(name), dry_run=False, today=TODAY)
    people = PersonService(database)
    for query, family in [
        ("muller", "Müller"),
        ("jorg", "Müller"),
        ("Иванов", "Иванов"),
        ("παπαδοπουλου", "Παπαδοπούλου"),
        ("العلي", "العلي"),
        ("renee francois", "François"),
    ]:
        rows = people.list(ListQuery(text=query)).rows
        assert [r.name.split()[-1] for r in rows] == [family], query


def test_an_imported_person_s_search_text_is_the_form_s(database: Database) -> None:
    """A name in Chinese is searched a character a word, imported or typed: "立新" finds
    王立新, and the import stores the very search text the person's form would."""
    card = _card(
        2,
        "王",
        "立新",
        emails=(CardValue("wang.lixin@mfa.gov.cn"),),
        phones=(CardValue("+86 10 6596 1114"),),
    )
    import_cards(database, [card], dry_run=False, today=TODAY)
    found = SearchService(database).search(SearchQuery("立新"))
    assert [hit.title for hit in found.hits] == ["王立新"]
    assert [r.name for r in PersonService(database).list(ListQuery(text="立新")).rows] == ["王立新"]
    with database.read() as session:
        person = session.scalars(select(Person).where(Person.family_name == "王")).one()
        imported = person.search_text
        person.refresh_derived()
        assert imported == person.search_text


def test_each_imported_person_s_entry_names_their_uid(database: Database) -> None:
    """The audit entry of every person an import creates names them by uid: the uid the card
    brought, or the one made for a card without."""
    given = str(uuid.uuid4())
    cards = [_card(2, "Kovačević", "Ana", uid=given), _card(3, "Safadi", "Ayman")]
    import_cards(database, cards, dry_run=False, today=TODAY, source="people.csv")
    with database.read() as session:
        uids = dict(session.execute(select(Person.id, Person.uid)).all())
        entries = session.execute(
            select(AuditEntry.record_id, AuditEntry.record_uid).where(
                AuditEntry.record_kind == "person"
            )
        ).all()
    assert {record_uid for _, record_uid in entries} >= {given}
    assert sorted(entries) == sorted((pid, str(uid)) for pid, uid in uids.items())


def test_update_fills_only_what_is_missing(database: Database) -> None:
    """A matching card fills empty fields and adds what is new, and overwrites nothing."""
    people = PersonService(database)
    existing = people.create(
        PersonInput(
            given_name="Eleni",
            family_name="Papadopoulou",
            emails=("Eleni.Papadopoulou@MFA.example.gr",),
            phones=("+30-210-368-1000",),
            biography="Our own notes.",
        )
    )
    report = import_cards(database, _file("iphone.vcf"), dry_run=False, today=TODAY)
    first = report.lines[0]
    assert (first.outcome, first.person_id) == (Outcome.UPDATE, existing.id)
    assert "same e-mail" in first.reason and "adds honorific" in first.reason
    after = people.get(existing.id, today=TODAY)
    assert after.version == existing.version + 1
    assert after.data.biography == "Our own notes."
    assert after.data.honorific == "Dr"
    assert after.data.emails == ("Eleni.Papadopoulou@MFA.example.gr",)
    assert after.data.phones == ("+30 21 0368 1000", "+30 694 123 4567")  # international form
    assert [m.post_title for m in after.memberships] == ["Head of Unit"]
    assert after.has_photo and after.birthday == 325
    assert people.list(ListQuery(text="694")).rows[0].id == existing.id


def test_a_second_import_is_skipped_as_up_to_date(sqlite_database: Database) -> None:
    """Importing the same file twice changes nothing the second time and says so."""
    import_cards(sqlite_database, _file("thunderbird.vcf"), dry_run=False, today=TODAY)
    versions = {p.id: p.version for p in PersonService(sqlite_database).list().rows}
    report = import_cards(sqlite_database, _file("thunderbird.vcf"), dry_run=False, today=TODAY)
    assert [line.outcome for line in report.lines] == [Outcome.SKIP, Outcome.SKIP]
    assert report.lines[0].reason.startswith("already up to date (matches 李明 (same UID))")
    assert {p.id: p.version for p in PersonService(sqlite_database).list().rows} == versions
    assert _count(sqlite_database, Membership) == 1


def test_on_match_skip_touches_nobody(database: Database) -> None:
    """With on_match="skip" a matching card is reported and the person left as it was."""
    existing = PersonService(database).create(
        PersonInput(family_name="Müller", emails=("joerg.mueller@bmeia.example.at",))
    )
    report = import_cards(
        database, _file("outlook.vcf"), dry_run=False, on_match="skip", today=TODAY
    )
    assert [(line.outcome, line.person_id) for line in report.lines] == [
        (Outcome.SKIP, existing.id),
        (Outcome.CREATE, None),
    ]
    after = PersonService(database).get(existing.id)
    assert after.version == existing.version and after.data.given_name == ""


def test_uid_wins_over_e_mail_and_e_mail_over_name(sqlite_database: Database) -> None:
    """Matching goes UID, then e-mail, then name; the reason names the rule that matched."""
    people = PersonService(sqlite_database)
    by_uid = people.create(PersonInput(family_name="Uid", emails=("u@example.org",)))
    by_mail = people.create(PersonInput(family_name="Mail", emails=("m@example.org",)))
    by_name = people.create(PersonInput(given_name="Nina", family_name="Name"))
    cards = [
        _card(1, "Other", uid=f"urn:uuid:{by_uid.uid}", emails=(CardValue("m@example.org"),)),
        _card(2, "Name", "Nina", emails=(CardValue("M@EXAMPLE.ORG"),)),
        _card(3, "Name", "Nina", phones=(CardValue("+1 555 0100"),)),
    ]
    report = import_cards(sqlite_database, cards, dry_run=False, today=TODAY)
    assert [(line.person_id, line.reason.split("(")[1].split(")")[0]) for line in report.lines] == [
        (by_uid.id, "same UID"),
        (by_mail.id, "same e-mail M@EXAMPLE.ORG"),
        (by_name.id, "same name"),
    ]


def test_a_name_matches_unless_both_birth_dates_differ(sqlite_database: Database) -> None:
    """Same folded name: one birth date missing still matches; two different dates do not."""
    people = PersonService(sqlite_database)
    anna = people.create(
        PersonInput(given_name="Anna", family_name="Berg", birth_date=date(1970, 1, 1))
    )
    report = import_cards(
        sqlite_database,
        [
            _card(1, "BERG", "Ánna", birth_date=date(1980, 5, 5)),
            _card(2, "Berg", "Anna"),
            _card(3, "Berg", "Anna", birth_date=date(1970, 1, 1), languages="sv"),
        ],
        dry_run=False,
        today=TODAY,
    )
    outcomes = [(line.outcome, line.person_id) for line in report.lines]
    assert outcomes[0] == (Outcome.CREATE, None)
    assert outcomes[2] == (Outcome.UPDATE, anna.id)
    assert outcomes[1][0] is Outcome.SKIP  # matched someone: nothing new to add


def test_matches_inside_the_file_across_and_within_batches(
    sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later card for someone created earlier in the same file updates that person."""
    monkeypatch.setattr(contact_import, "BATCH_CARDS", 3)
    cards = [
        _card(1, "Early", "Eva", emails=(CardValue("eva@example.org"),)),
        _card(2, "Filler", "Fred"),
        _card(3, "Filler", "Frida"),
        _card(4, "Early", "Eva", emails=(CardValue("EVA@example.org"),), phones=(CardValue("1"),)),
        _card(5, "Same", "Sam", emails=(CardValue("sam@example.org"),)),
        _card(6, "Same", "Sam", emails=(CardValue("sam@example.org"),), title="Consul"),
    ]
    report = import_cards(sqlite_database, cards, dry_run=False, today=TODAY)
    assert [line.outcome for line in report.lines] == [
        Outcome.CREATE,
        Outcome.CREATE,
        Outcome.CREATE,
        Outcome.UPDATE,
        Outcome.CREATE,
        Outcome.UPDATE,
    ]
    assert _count(sqlite_database, Person) == 4
    eva = PersonService(sqlite_database).get(_person(sqlite_database, "Early").id)
    assert eva.data.phones == ("1",) and eva.version == 2
    sam = PersonService(sqlite_database).get(_person(sqlite_database, "Same").id, today=TODAY)
    assert [m.post_title for m in sam.memberships] == ["Consul"]


def test_refusals_and_dropped_fields_are_sentences(sqlite_database: Database) -> None:
    """Refused cards and fields left out each come back as a sentence; the rest imports."""
    report = import_cards(sqlite_database, _file("malformed.vcf"), dry_run=False, today=TODAY)
    by_line = {line.line: line for line in report.lines}
    # A card with no name but an e-mail is imported under the address, and flagged.
    assert by_line[50].outcome is Outcome.CREATE
    assert by_line[50].name == "nobody@example.org"
    assert by_line[50].problems == (
        "The card has no name; it was imported under 'nobody@example.org'.",
        # +1 555 0100 has no area code: no number phonenumbers reads, kept and said.
        "phone +1 555 0100 kept as written: it cannot be read as a number (no country, or too "
        "short)",
    )
    mail = by_line[45]
    assert mail.outcome is Outcome.CREATE
    assert mail.problems == (
        "The e-mail 'ines(at)example.org' does not look like an e-mail address and was left out.",
    )
    assert report.count(Outcome.CREATE) == 10
    assert report.count(Outcome.REFUSE) == 4
    assert all(line.reason for line in report.lines if line.outcome is Outcome.REFUSE)


def test_field_checks_refuse_bad_names_and_drop_bad_fields(sqlite_database: Database) -> None:
    """A control character in a name refuses the card; elsewhere it drops the field."""
    report = import_cards(
        sqlite_database,
        [
            _card(1, "Nul\x00l"),
            _card(2, "Bell", note="ring\x07", photo=b"not an image", birth_date=date(2999, 1, 1)),
            _card(3, "", "", formatted_name="H.E. Dr. Amal Haddad"),
            _card(4, "L" * 301),
        ],
        dry_run=False,
        today=TODAY,
    )
    refused, bell, amal, long = report.lines
    assert refused.outcome is Outcome.REFUSE and "U+0000" in refused.reason
    assert long.outcome is Outcome.REFUSE and "too long" in long.reason
    assert bell.outcome is Outcome.CREATE
    assert sorted(p.split(" ")[1] for p in bell.problems) == ["birth", "note", "photo"]
    assert amal.name == "Amal Haddad"
    assert _person(sqlite_database, "Haddad").given_name == "Amal"


def test_dry_run_reports_the_same_and_writes_nothing(database: Database) -> None:
    """A dry run runs the same code and rolls back: identical report, empty database."""
    PersonService(database).create(
        PersonInput(family_name="Müller", emails=("joerg.mueller@bmeia.example.at",))
    )

    def everything() -> Iterator[ContactCard | CardProblem]:
        for name in (
            "iphone.vcf",
            "android.vcf",
            "outlook.vcf",
            "thunderbird.vcf",
            "malformed.vcf",
        ):
            yield from _file(name)

    before = {entity: _count(database, entity) for entity in (Person, Organisation, Post, Tag)}
    dry = import_cards(database, everything(), dry_run=True, today=TODAY)
    assert {entity: _count(database, entity) for entity in before} == before
    real = import_cards(database, everything(), dry_run=False, today=TODAY)
    assert dry.lines == real.lines
    assert dry.dry_run and not real.dry_run
    assert dry.summary().endswith("(would be)")
    assert _count(database, Person) == before[Person] + real.count(Outcome.CREATE)


def _install_failing_trigger(db: Database) -> None:
    """A real database refusal at flush time: inserting a person called Boom fails."""
    with db.session() as session:
        if db.is_sqlite:
            session.execute(
                text(
                    "CREATE TRIGGER boom BEFORE INSERT ON person WHEN NEW.family_name = 'Boom' "
                    "BEGIN SELECT RAISE(ABORT, 'boom refused'); END"
                )
            )
        else:
            session.execute(
                text(
                    "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN "
                    "IF NEW.family_name = 'Boom' THEN RAISE EXCEPTION 'boom refused'; END IF; "
                    "RETURN NEW; END $$ LANGUAGE plpgsql"
                )
            )
            session.execute(
                text(
                    "CREATE TRIGGER boom BEFORE INSERT ON person "
                    "FOR EACH ROW EXECUTE FUNCTION boom()"
                )
            )


def test_all_or_nothing_when_the_database_refuses_midway(database: Database) -> None:
    """A card that fails at write time, after earlier batches were written, leaves nothing."""
    _install_failing_trigger(database)
    cards = [
        _card(i, f"Person{i}", organisation="Ministry", title="Clerk", categories=("t",))
        for i in range(1, 601)
    ]
    cards[549] = _card(550, "Boom")
    with pytest.raises(ImportFailedError, match="nothing was written"):
        import_cards(database, cards, dry_run=False, today=TODAY)
    for entity in (Person, Organisation, Post, Tag, Membership, ContactPoint):
        assert _count(database, entity) == 0, entity.__name__


def test_cancel_from_progress_writes_nothing(database: Database) -> None:
    """progress(n) every 200 cards; answering False cancels and nothing is written."""
    seen: list[int] = []

    def progress(count: int) -> bool:
        seen.append(count)
        return count < 400

    cards = (_card(i, f"P{i}", emails=(CardValue(f"p{i}@example.org"),)) for i in range(1, 1001))
    with pytest.raises(ImportCancelledError, match="nothing was written"):
        import_cards(database, cards, dry_run=False, progress=progress, today=TODAY)
    assert seen == [200, 400]
    assert _count(database, Person) == 0


def test_progress_runs_to_the_end(sqlite_database: Database) -> None:
    """Every 200 cards, and once more for the rest."""
    seen: list[int] = []
    cards = [_card(i, f"P{i}") for i in range(1, 451)]
    import_cards(sqlite_database, cards, dry_run=False, progress=lambda n: seen.append(n) is None)
    assert seen == [200, 400, 450]


def test_cards_are_consumed_as_a_stream(sqlite_database: Database) -> None:
    """The import pulls cards as it goes: a reader fault mid-file rolls everything back."""

    def cards() -> Iterator[ContactCard]:
        for i in range(1, 800):
            yield _card(i, f"Streamed{i}")
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        import_cards(sqlite_database, cards(), dry_run=False)
    assert _count(sqlite_database, Person) == 0


def test_a_vcard_file_imports_from_a_byte_stream(sqlite_database: Database) -> None:
    """read_vcards over any binary stream feeds the import."""
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Stream;Stella;;;\r\nEND:VCARD\r\n" * 3
    report = import_cards(sqlite_database, read_vcards(io.BytesIO(data)), dry_run=False)
    assert [line.outcome for line in report.lines] == [Outcome.CREATE, Outcome.SKIP, Outcome.SKIP]


def test_an_organisation_without_a_title_gets_a_staff_post(sqlite_database: Database) -> None:
    """ORG without TITLE: the person holds "Staff" there; ROLE alone becomes the title."""
    report = import_cards(
        sqlite_database,
        [
            _card(1, "Org", "Only", organisation="Acme", units=("Sales",)),
            _card(2, "Role", "Only", organisation="Acme", role="Buyer"),
        ],
        dry_run=False,
        today=TODAY,
    )
    assert [line.outcome for line in report.lines] == [Outcome.CREATE, Outcome.CREATE]
    people = PersonService(sqlite_database)
    only = people.get(_person(sqlite_database, "Org").id, today=TODAY)
    role = people.get(_person(sqlite_database, "Role").id, today=TODAY)
    assert [(m.post_title, m.organisation) for m in only.memberships] == [("Staff", "Sales")]
    assert [(m.post_title, m.organisation) for m in role.memberships] == [("Buyer", "Acme")]
    assert _count(sqlite_database, Organisation) == 2


# -- organisations matched within the person's country ------------------------------------------
def _two_ministries(db: Database) -> dict[str, int]:
    """Two countries, each with a "Ministry of Culture", and a person of the second."""
    countries = CountryService(db)
    at = countries.create(CountryInput("AT", "Austria")).id
    gr = countries.create(CountryInput("GR", "Greece")).id
    organisations = OrganisationService(db)
    ids = {"at": at, "gr": gr}
    for code, country in (("at", at), ("gr", gr)):
        ids[f"{code}_ministry"] = organisations.create(
            OrganisationInput("Ministry of Culture", country_id=country)
        ).id
    ids["eleni"] = (
        PersonService(db)
        .create(
            PersonInput(
                given_name="Eleni", family_name="Pappa", country_id=gr, emails=("e@example.gr",)
            )
        )
        .id
    )
    return ids


def test_the_organisation_is_sought_in_the_person_s_country(database: Database) -> None:
    """A matched person's post goes into their own country's ministry of that name."""
    ids = _two_ministries(database)
    card = _card(
        1,
        "Pappa",
        "Eleni",
        emails=(CardValue("e@example.gr"),),
        organisation="MINISTRY of culture",
        title="Director",
    )
    report = import_cards(database, [card], dry_run=False, today=TODAY)
    assert report.lines[0].outcome is Outcome.UPDATE, report.lines[0].describe()
    eleni = PersonService(database).get(ids["eleni"], today=TODAY)
    assert [(m.post_title, m.organisation_id) for m in eleni.memberships] == [
        ("Director", ids["gr_ministry"])
    ]
    assert _count(database, Organisation) == 2


def test_an_ambiguous_organisation_adds_no_post_and_says_why(database: Database) -> None:
    """A new person without a country: two ministries of the name, so none is chosen."""
    _two_ministries(database)
    card = _card(1, "Neu", "Nina", organisation="Ministry of Culture", title="Adviser")
    report = import_cards(database, [card], dry_run=False, today=TODAY)
    (line,) = report.lines
    assert line.outcome is Outcome.CREATE
    assert line.problems == (
        "No post was added: 2 organisations are called 'Ministry of Culture' and the person "
        "has no country to tell them apart.",
    )
    nina = PersonService(database).get(_person(database, "Neu").id, today=TODAY)
    assert nina.memberships == ()
    assert (_count(database, Organisation), _count(database, Post)) == (2, 0)


def test_the_country_chosen_for_the_import_decides(database: Database) -> None:
    """With a country for the import, new people get it and its ministry; a name unique
    elsewhere is still found, and a missing one is created in that country."""
    ids = _two_ministries(database)
    OrganisationService(database).create(OrganisationInput("UNESCO"))
    cards = [
        _card(1, "Neu", "Nina", organisation="Ministry of Culture", title="Adviser"),
        _card(2, "Other", "Otto", organisation="UNESCO", title="Delegate"),
        _card(3, "Third", "Theo", organisation="Ministry of Tourism", units=("Press",)),
    ]
    report = import_cards(database, cards, dry_run=False, today=TODAY, country_id=ids["at"])
    assert [(line.outcome, line.problems) for line in report.lines] == [
        (Outcome.CREATE, ()),
        (Outcome.CREATE, ()),
        (Outcome.CREATE, ()),
    ]
    people = PersonService(database)
    nina = people.get(_person(database, "Neu").id, today=TODAY)
    assert nina.data.country_id == ids["at"]
    assert [m.organisation_id for m in nina.memberships] == [ids["at_ministry"]]
    otto = people.get(_person(database, "Other").id, today=TODAY)
    assert [m.organisation for m in otto.memberships] == ["UNESCO"]
    with database.read() as session:
        created = session.execute(
            select(Organisation.name, Organisation.country_id)
            .where(Organisation.name.in_(["Ministry of Tourism", "Press"]))
            .order_by(Organisation.id)
        ).all()
    assert [tuple(row) for row in created] == [
        ("Ministry of Tourism", ids["at"]),
        ("Press", ids["at"]),
    ]


def test_the_demo_s_own_exports_import_as_already_up_to_date(
    demo_copy: Path, tmp_path: Path
) -> None:
    """Demo → CSV and vCard export → both imported again: no one created or updated, no
    membership moved (the demo holds three ministries of culture in three countries)."""
    db = Database.open(demo_copy)
    try:
        with db.read() as session:
            before = session.execute(
                select(Membership.id, Membership.person_id, Membership.post_id).order_by(
                    Membership.id
                )
            ).all()
            counts = {e: _count(db, e) for e in (Person, Organisation, Post, Membership)}
            cultures = session.scalar(
                select(func.count()).where(Organisation.name == "Ministry of Culture")
            )
        assert cultures == 3
        assert export_csv(db, tmp_path / "people.csv", country_id=None, ceiling=None) > 50
        export_vcards(db, tmp_path / "people.vcf", country_id=None, ceiling=None)
        from_csv = import_cards(db, read_csv_cards(tmp_path / "people.csv").cards, dry_run=False)
        with (tmp_path / "people.vcf").open("rb") as stream:
            from_vcard = import_cards(db, read_vcards(stream), dry_run=False)
        for report in (from_csv, from_vcard):
            assert (report.count(Outcome.CREATE), report.count(Outcome.UPDATE)) == (0, 0), [
                line.describe() for line in report.lines if line.outcome is not Outcome.SKIP
            ]
            assert all(line.reason.startswith("already up to date") for line in report.lines)
            assert all(not line.problems for line in report.lines)
        with db.read() as session:
            after = session.execute(
                select(Membership.id, Membership.person_id, Membership.post_id).order_by(
                    Membership.id
                )
            ).all()
        assert after == before
        assert {e: _count(db, e) for e in counts} == counts
    finally:
        db.close()


# -- the full-text index written in bulk (SQLite) ------------------------------------------------
def _fts_trigger(db: Database) -> str | None:
    with db.read() as session:
        found = session.scalar(
            text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'person_fts_ai'")
        )
    return str(found) if found is not None else None


def _fts_is_sound(db: Database) -> None:
    with db.session() as session:
        session.execute(text("INSERT INTO person_fts(person_fts) VALUES ('integrity-check')"))


def _found(db: Database, query: str) -> list[str]:
    return [row.name for row in PersonService(db).list(ListQuery(text=query)).rows]


def test_imported_people_are_indexed_and_the_trigger_comes_back(
    sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bulk-filled index equals the trigger's, updates within the file keep it sound, and
    people added afterwards are indexed by the trigger as before."""
    monkeypatch.setattr(contact_import, "BATCH_CARDS", 3)
    trigger = _fts_trigger(sqlite_database)
    assert trigger == sqlite_fts_insert_trigger("person")
    cards = [
        _card(1, "Ångström", "Zoë", emails=(CardValue("zoe@example.org"),)),
        _card(2, "Filler", "Fred"),
        _card(3, "Ångström", "Zoë", phones=(CardValue("+43 1 555 0101"),)),  # same batch
        _card(4, "Other", "Olga"),
        _card(5, "Ångström", "Zoë", emails=(CardValue("zoe@example.org"),), languages="sv"),
    ]
    report = import_cards(sqlite_database, cards, dry_run=False, today=TODAY)
    assert [line.outcome for line in report.lines] == [
        Outcome.CREATE,
        Outcome.CREATE,
        Outcome.UPDATE,
        Outcome.CREATE,
        Outcome.UPDATE,
    ]
    assert _fts_trigger(sqlite_database) == trigger
    _fts_is_sound(sqlite_database)
    assert _found(sqlite_database, "angstrom 0101") == ["Zoë Ångström"]
    assert _found(sqlite_database, "olga") == ["Olga Other"]
    PersonService(sqlite_database).create(PersonInput(given_name="Later", family_name="Added"))
    assert _found(sqlite_database, "later") == ["Later Added"]
    _fts_is_sound(sqlite_database)


def test_a_failed_cancelled_or_dry_import_keeps_the_trigger(sqlite_database: Database) -> None:
    """Dropping the trigger is part of the import's transaction: whatever ends it early, the
    trigger is there afterwards and indexes people added later."""
    trigger = _fts_trigger(sqlite_database)
    _install_failing_trigger(sqlite_database)
    people = [_card(i, f"Person{i}") for i in range(1, 2501)]
    with pytest.raises(ImportFailedError):
        import_cards(sqlite_database, [*people, _card(2501, "Boom")], dry_run=False)
    assert _fts_trigger(sqlite_database) == trigger
    with pytest.raises(ImportCancelledError):
        import_cards(sqlite_database, people, dry_run=False, progress=lambda n: n < 2400)
    assert _fts_trigger(sqlite_database) == trigger
    import_cards(sqlite_database, people, dry_run=True)
    assert _fts_trigger(sqlite_database) == trigger
    assert _count(sqlite_database, Person) == 0
    PersonService(sqlite_database).create(PersonInput(given_name="Still", family_name="Found"))
    assert _found(sqlite_database, "still found") == ["Still Found"]
    _fts_is_sound(sqlite_database)


def test_each_batch_is_indexed_behind_in_an_encrypted_file_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each batch's people are indexed on a helper thread while the next batch is read; the
    connection serves one thread at a time, which SQLCipher's library requires: the index of
    an encrypted file is whole and sound, and a later batch's update of an earlier person
    finds the text the index holds."""
    monkeypatch.setattr(contact_import, "BATCH_CARDS", 7)
    with Database.open(tmp_path / "keyed.sqlite", passphrase="correct horse battery") as db:
        assert db.encrypted
        cards = [
            _card(i, f"Family{i}", "Given", phones=(CardValue(f"+43 1 555 {i:04d}"),))
            for i in range(1, 60)
        ]
        cards.append(_card(60, "Family3", "Given", emails=(CardValue("later@example.org"),)))
        report = import_cards(db, cards, dry_run=False, today=TODAY)
        assert report.count(Outcome.CREATE) == 59
        assert report.lines[-1].outcome is Outcome.UPDATE
        _fts_is_sound(db)
        assert _found(db, "family59") == ["Given Family59"]
        assert _found(db, "5550001") == ["Given Family1"]
        assert _found(db, "later@example.org") == ["Given Family3"]
        assert _found(db, "5550003") == ["Given Family3"]


def test_a_refusal_while_indexing_behind_fails_the_whole_import(
    sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the statement run behind is refused (a damaged full-text index), the import
    fails with the database's sentence on the caller's thread and writes nothing."""
    monkeypatch.setattr(contact_import, "BATCH_CARDS", 3)
    with sqlite_database.session() as session:
        session.execute(text("DROP TABLE person_fts_idx"))  # one of the index's own tables
    cards = [_card(i, f"Person{i}") for i in range(1, 11)]
    with pytest.raises(ImportFailedError, match="nothing was written"):
        import_cards(sqlite_database, cards, dry_run=False)
    assert _count(sqlite_database, Person) == 0
    assert _count(sqlite_database, AuditEntry) == 0


# -- indexes built again at the end (SQLite, a log of few people) ------------------------------
def _schema(db: Database) -> list[tuple[str, str, str | None]]:
    with db.read() as session:
        rows = session.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY name"))
        return [(row.type, row.name, row.sql) for row in rows]


def _statements(db: Database) -> list[str]:
    """Every statement SQLite runs from now on, as its trace callback reports them."""
    seen: list[str] = []

    def trace(dbapi_connection: object, _record: object, _proxy: object) -> None:
        dbapi_connection.set_trace_callback(seen.append)  # type: ignore[attr-defined]

    event.listen(db.engine, "checkout", trace)
    return seen


def test_indexes_an_import_does_not_read_are_built_again(sqlite_database: Database) -> None:
    """Into an almost empty log the unread indexes are dropped and built again: the schema
    afterwards is the one before, whatever ends the import, and the indexes hold every row."""
    before = _schema(sqlite_database)
    statements = _statements(sqlite_database)
    _install_failing_trigger(sqlite_database)
    with_trigger = _schema(sqlite_database)
    people = [
        _card(i, f"Person{i}", birth_date=date(1960, 1 + i % 12, 1 + i % 28), title="Clerk",
              organisation="Ministry")
        for i in range(1, 2501)
    ]  # fmt: skip
    with pytest.raises(ImportFailedError):
        import_cards(sqlite_database, [*people, _card(2501, "Boom")], dry_run=False)
    assert _schema(sqlite_database) == with_trigger
    with pytest.raises(ImportCancelledError):
        import_cards(sqlite_database, people, dry_run=False, progress=lambda n: n < 2400)
    import_cards(sqlite_database, people, dry_run=True)
    assert _schema(sqlite_database) == with_trigger
    report = import_cards(sqlite_database, people, dry_run=False, today=TODAY)
    assert report.count(Outcome.CREATE) == 2500
    assert _schema(sqlite_database) == with_trigger
    assert any(s.startswith("DROP INDEX IF EXISTS ix_person_birthday") for s in statements)
    with sqlite_database.read() as session:
        assert session.scalar(text("PRAGMA integrity_check")) == "ok"
        plan = " ".join(
            str(row[-1])
            for row in session.execute(
                text("EXPLAIN QUERY PLAN SELECT id FROM person WHERE birthday = 101")
            )
        )
        assert "ix_person_birthday" in plan
        first_of_january = [
            p for p in people if p.birth_date and p.birth_date.month == 1 == p.birth_date.day
        ]
        found = session.scalar(text("SELECT count(*) FROM person WHERE birthday = 101"))
        assert found == len(first_of_january) > 0
    with sqlite_database.session() as session:
        session.execute(text("DROP TRIGGER boom"))
    assert _schema(sqlite_database) == before


def test_a_log_of_many_people_keeps_its_indexes(
    sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the threshold no index is dropped: building them again would cost more."""
    from bilatdesk.services.contacts import write as contact_write

    monkeypatch.setattr(contact_write, "DEFER_INDEXES_UP_TO", 3)
    import_cards(sqlite_database, [_card(i, f"First{i}") for i in range(1, 6)], dry_run=False)
    statements = _statements(sqlite_database)
    import_cards(sqlite_database, [_card(i, f"Later{i}") for i in range(1, 6)], dry_run=False)
    assert any(s.startswith("INSERT INTO person") for s in statements)
    assert not any(s.startswith("DROP INDEX") for s in statements)
    assert _count(sqlite_database, Person) == 10


@pytest.fixture
def collecting() -> Iterator[None]:
    """Automatic collection on for the test (the GUI's collector may have switched it off)."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collecting")
def test_the_garbage_collector_rests_during_an_import_only(database: Database) -> None:
    """Off while the cards are imported, on again afterwards, whether the import was
    written, cancelled or dry."""
    assert gc.isenabled()
    during: list[bool] = []

    def watch(count: int) -> bool:
        during.append(gc.isenabled())
        return True

    people = [_card(i, f"Person{i}") for i in range(1, 401)]
    import_cards(database, people, dry_run=True, progress=watch)
    assert gc.isenabled()
    with pytest.raises(ImportCancelledError):
        import_cards(database, people, dry_run=False, progress=lambda n: False)
    assert gc.isenabled()
    import_cards(database, people, dry_run=False, progress=watch)
    assert during == [False, False] * 2
    assert gc.isenabled()


# -- files of refusals --------------------------------------------------------------------------
def test_batches_of_nothing_but_refusals(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch of refusals only, first or after written ones, is reported and writes nothing."""
    monkeypatch.setattr(contact_import, "BATCH_CARDS", 2)
    nameless = [_card(line, "") for line in range(1, 4)]
    only_refused = import_cards(database, nameless, dry_run=False, today=TODAY)
    assert [line.outcome for line in only_refused.lines] == [Outcome.REFUSE] * 3
    mixed = [_card(1, "Kept"), _card(2, "Also"), *(_card(n, "") for n in range(3, 7))]
    report = import_cards(database, mixed, dry_run=False, today=TODAY)
    assert [line.outcome for line in report.lines] == [Outcome.CREATE] * 2 + [Outcome.REFUSE] * 4
    assert _count(database, Person) == 2


def test_disguising_characters_refuse_a_name_and_drop_a_field(sqlite_database: Database) -> None:
    """An override in a name refuses the card; in another field it drops the field; scripts stay."""
    report = import_cards(
        sqlite_database,
        [
            _card(1, "Ann\u202eaidni"),
            _card(2, "Bell", note="a\u2066b"),
            _card(3, "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"),
        ],
        dry_run=False,
        today=TODAY,
    )
    refused, bell, persian = report.lines
    assert refused.outcome is Outcome.REFUSE
    assert "direction override (U+202E)" in refused.reason
    assert bell.outcome is Outcome.CREATE
    assert bell.problems == (
        "The note contains an invisible direction isolate (U+2066), which can make it display "
        "as something else and was left out.",
    )
    assert persian.outcome is Outcome.CREATE
