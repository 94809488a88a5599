"""CSV contacts through the services: checks on import, export under a ceiling, round trips."""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest

from bilatdesk.exchange.csv.read import (
    read_csv_cards,
)
from bilatdesk.exchange.csv.write import EXPORT_HEADERS
from bilatdesk.exchange.records import Outcome
from bilatdesk.exchange.vcard.read import read_vcards
from bilatdesk.services.contacts.csv_export import export_csv
from bilatdesk.services.contacts.importing import ImportCancelledError, import_cards
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.service import MembershipInput, PersonInput, PersonService
from bilatdesk.services.tags import TagService
from bilatdesk.store.database import Database
from tests.exchange.csv.samples import DATA, good, write_csv


def test_a_bad_e_mail_and_a_future_birth_date_are_left_out_as_in_a_vcard(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """CSV and vCard: the bad field is dropped with the same sentence, the person imported."""
    csv_path = write_csv(
        tmp_path / "odd.csv",
        [
            ["First Name", "Last Name", "E-mail Address", "Birthday"],
            ["Bad", "Mail", "not-an-address", "1970-01-31"],
            ["Future", "Born", "future@example.org", "2999-01-01"],
        ],
    )
    vcard = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Mail;Bad;;;\r\nEMAIL:not-an-address\r\n"
        b"BDAY:1970-01-31\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Born;Future;;;\r\nEMAIL:future@example.org\r\n"
        b"BDAY:2999-01-01\r\nEND:VCARD\r\n"
    )
    today = date(2026, 11, 22)
    from_csv = import_cards(
        sqlite_database, read_csv_cards(csv_path).cards, dry_run=True, today=today
    )
    from_vcard = import_cards(
        sqlite_database, read_vcards(io.BytesIO(vcard)), dry_run=True, today=today
    )
    expected = [
        (
            Outcome.CREATE,
            "Bad Mail",
            ("The e-mail 'not-an-address' does not look like an e-mail address and was left out.",),
        ),
        (Outcome.CREATE, "Future Born", ("The birth date 2999-01-01 is in the future; left out.",)),
    ]
    assert [(r.outcome, r.name, r.problems) for r in from_csv.lines] == expected
    assert [(r.outcome, r.name, r.problems) for r in from_vcard.lines] == expected


# -- export -------------------------------------------------------------------------------------
def _people(database: Database) -> dict[str, int]:
    countries = CountryService(database)
    at = countries.create(CountryInput("AT", "Austria")).id
    gr = countries.create(CountryInput("GR", "Greece")).id
    organisations = OrganisationService(database)
    ministry = organisations.create(OrganisationInput("Ministry of Foreign Affairs", country_id=gr))
    unit = organisations.create(
        OrganisationInput("Protocol Department", parent_id=ministry.id, country_id=gr)
    )
    people = PersonService(database)
    today = date.today()
    eleni = people.create(
        PersonInput(
            honorific="H.E.",
            given_name="Ελένη",
            family_name="Παπαδοπούλου",
            country_id=gr,
            emails=("eleni@example.gr", "e.p@example.org"),
            phones=("+30 210 368 1000",),
            birth_date=date(1968, 11, 3),
            languages="el, fr",
            address='=HYPERLINK("http://evil.example","click")',
            biography="Not for export: our own assessment.",
            memberships=(
                MembershipInput(
                    "Director", unit.id, today - timedelta(days=400), today - timedelta(days=30)
                ),
                MembershipInput("Chief of Protocol", unit.id, today - timedelta(days=29)),
            ),
        )
    ).id
    omar = people.create(
        PersonInput(
            given_name="عمر",
            family_name="الخطيب",
            country_id=at,
            phones=("+962 6 000",),
            emails=("omar@example.jo",),
        )
    ).id
    wang = people.create(PersonInput(given_name="伟", family_name="王", other_names="@SUM(1)"))
    jose = people.create(
        PersonInput(
            given_name="Jose\u0301", family_name="Müller-Weiß", country_id=at, classification="R"
        )
    ).id
    tags = TagService(database)
    ids = tags.ensure(["VIP", "Press; media"])
    tags.set_tags("person", eleni, list(ids.values()))
    return {"eleni": eleni, "omar": omar, "wang": wang.id, "jose": jose, "at": at, "gr": gr}


def _read_back(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def test_export_writes_bom_crlf_headers_current_post_and_guards(
    database: Database, tmp_path: Path
) -> None:
    """UTF-8 with BOM, CRLF, our headers, the current post only, formula cells guarded."""
    _people(database)
    path = tmp_path / "people.csv"
    count = export_csv(database, path, country_id=None, ceiling="U")
    assert count == 3  # José is RESTRICTED: above the ceiling
    raw = path.read_bytes()
    assert raw.count(b"\r\n") >= 4
    rows = _read_back(path)
    assert tuple(rows[0]) == EXPORT_HEADERS
    eleni = next(r for r in rows if r["Given name"] == "Ελένη")
    assert eleni["Organisation"] == "Ministry of Foreign Affairs"
    assert eleni["Unit"] == "Protocol Department"
    assert eleni["Job title"] == "Chief of Protocol"  # not the ended "Director"
    assert eleni["Phone"] == "'+30 21 0368 1000"  # international form, formula-guarded
    assert eleni["Address"] == '\'=HYPERLINK("http://evil.example","click")'
    assert "Note" not in eleni  # the biography never leaves, as in the vCard export
    assert b"Not for export" not in raw
    assert eleni["E-mail"] == "eleni@example.gr; e.p@example.org"
    assert eleni["Birth date"] == "1968-11-03"
    assert eleni["Categories"] == "Press\\; media; VIP"  # a semicolon inside a tag escaped
    wang = next(r for r in rows if r["Given name"] == "伟")
    assert wang["Other names"] == "'@SUM(1)"
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())


def test_export_ceiling_and_country(database: Database, tmp_path: Path) -> None:
    """A ceiling lets RESTRICTED out; a country narrows; an unknown ceiling is refused."""
    ids = _people(database)
    path = tmp_path / "p.csv"
    assert export_csv(database, path, country_id=None, ceiling="RESTRICTED") == 4
    assert export_csv(database, path, country_id=ids["at"], ceiling="(R)") == 2
    assert {r["Family name"] for r in _read_back(path)} == {"الخطيب", "Müller-Weiß"}
    assert export_csv(database, path, country_id=ids["at"], ceiling="U") == 1
    assert export_csv(database, path, country_id=None, ceiling=None) == 4  # no ceiling at all
    with pytest.raises(ServiceError, match="not a classification"):
        export_csv(database, path, country_id=None, ceiling="COSMIC")


def test_export_then_import_round_trip(database: Database, tmp_path: Path) -> None:
    """Our export imports into an empty database with names, contacts, post and tags equal."""
    _people(database)
    path = tmp_path / "round.csv"
    export_csv(database, path, country_id=None, ceiling="R")
    read = read_csv_cards(path)
    assert read.unmapped == ()
    cards = good(list(read.cards))
    assert len(cards) == 4
    target = Database.open(tmp_path / "target.sqlite")
    try:
        report = import_cards(target, cards, dry_run=False)
        assert report.count(Outcome.CREATE) == 4, [line.describe() for line in report.lines]
        source_people, target_people = PersonService(database), PersonService(target)
        source = {p.name: source_people.get(p.id) for p in source_people.list(ListQuery()).rows}
        copied = {p.name: target_people.get(p.id) for p in target_people.list(ListQuery()).rows}
        assert set(copied) == set(source)
        for name, original in source.items():
            assert unicodedata.is_normalized("NFC", name)
            copy = copied[name]
            assert copy.uid == original.uid
            assert copy.data.given_name == original.data.given_name
            assert copy.data.family_name == original.data.family_name
            assert copy.data.emails == original.data.emails
            assert copy.data.phones == original.data.phones
            assert copy.data.birth_date == original.data.birth_date
            assert copy.data.address == original.data.address
        eleni = copied["Ελένη Παπαδοπούλου"]
        assert [(m.post_title, m.organisation) for m in eleni.memberships] == [
            ("Chief of Protocol", "Protocol Department")
        ]
        tags = TagService(target)
        assert sorted(c.name for c in tags.choices()) == ["Press; media", "VIP"]
        assert sorted(c.name for c in tags.tags_of("person", eleni.id)) == ["Press; media", "VIP"]
        # Importing the same file again matches everyone by UID and changes nothing.
        again = import_cards(target, read_csv_cards(path).cards, dry_run=False)
        assert again.count(Outcome.SKIP) == 4
    finally:
        target.close()


def test_import_is_all_or_nothing(database: Database, tmp_path: Path) -> None:
    """Cancelling part-way, or a dry run, leaves no one behind; the real import writes all."""
    rows = (
        [["First Name", "Last Name", "E-mail Address"]]
        + [[f"Given{n}", f"Family{n}", f"p{n}@example.org"] for n in range(450)]
        + [["", "", "nobody@example.org"]]
    )
    path = write_csv(tmp_path / "batch.csv", rows)
    people = PersonService(database)
    calls: list[int] = []

    def cancel_at_second_call(count: int) -> bool:
        calls.append(count)
        return len(calls) < 2

    with pytest.raises(ImportCancelledError):
        import_cards(
            database, read_csv_cards(path).cards, dry_run=False, progress=cancel_at_second_call
        )
    assert people.list(ListQuery()).rows == ()
    preview = import_cards(database, read_csv_cards(path).cards, dry_run=True)
    assert (preview.count(Outcome.CREATE), preview.count(Outcome.REFUSE)) == (450, 1)
    assert people.list(ListQuery()).rows == ()
    result = import_cards(database, read_csv_cards(path).cards, dry_run=False)
    assert result.count(Outcome.CREATE) == 450
    assert len(people.list(ListQuery(limit=1000)).rows) == 450


def test_hostile_cells_are_imported_literally(database: Database, tmp_path: Path) -> None:
    """Formula text, SQL, markup, right-to-left and path-like names arrive as written."""
    hostile = [
        ("=cmd|' /C calc'!A0", "@SUM(A1)"),
        ("Robert'); DROP TABLE person;--", "<b>bold</b> & R&D"),
        ("עברית", "RTL \u200foverride"),
        ("../../x", "a" * 300),
    ]
    path = write_csv(
        tmp_path / "hostile.csv",
        [["First Name", "Last Name"], *[[given, family] for given, family in hostile]],
    )
    report = import_cards(database, read_csv_cards(path).cards, dry_run=False)
    assert report.count(Outcome.CREATE) == 4, [line.describe() for line in report.lines]
    people = PersonService(database)
    stored = {
        (d.data.given_name, d.data.family_name)
        for d in (people.get(p.id) for p in people.list(ListQuery()).rows)
    }
    assert stored == set(hostile)


def test_a_file_whose_rows_are_all_refused_reports_them(database: Database) -> None:
    """Unknown headers leave every row nameless: each is refused, nothing is written."""
    report = import_cards(
        database, read_csv_cards(DATA / "custom_headers.csv").cards, dry_run=False
    )
    assert [(line.line, line.outcome) for line in report.lines] == [(2, Outcome.REFUSE)]
    assert PersonService(database).list(ListQuery()).rows == ()
