"""Exporting people as vCard 4.0: read back whole by vobject, folded right, nothing classified."""

from __future__ import annotations

import base64
import io
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import vobject
from PIL import Image

from bilatdesk.domain.names import ordered_name
from bilatdesk.exchange.records import ContactCard, Outcome
from bilatdesk.exchange.vcard import write as vcard_write
from bilatdesk.exchange.vcard.read import read_vcards
from bilatdesk.services.contacts.importing import import_cards
from bilatdesk.services.contacts.vcard_export import export_vcards
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.service import MembershipInput, PersonInput, PersonService
from bilatdesk.services.tags import TagService
from bilatdesk.store.database import Database

TODAY = date(2026, 11, 22)
NAMES = [
    ("Zoë", "Ångström-Müller"),  # Latin with diacritics
    ("Ελένη", "Παπαδοπούλου"),  # Greek
    ("Иван", "Иванов"),  # Cyrillic
    ("محمد", "العلي"),  # Arabic
    ("明", "李"),  # Chinese
]


def _jpeg(color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), color).save(out, "JPEG")
    return out.getvalue()


def _people(db: Database) -> dict[str, int]:
    """Five people in five scripts with posts, tags and photos, and classified ones."""
    organisations = OrganisationService(db)
    ministry = organisations.create(OrganisationInput("Ministry of Foreign Affairs; Trade"))
    unit = organisations.create(OrganisationInput("Unit\\Europe, North", parent_id=ministry.id))
    tags = TagService(db).ensure(["Trade, investment", "Culture"])
    people = PersonService(db)
    ids: dict[str, int] = {}
    for index, (given, family) in enumerate(NAMES):
        detail = people.create(
            PersonInput(
                given_name=unicodedata.normalize("NFD", given),
                family_name=family,
                honorific="Dr" if index == 0 else "",
                emails=(f"person{index}@example.org",),
                phones=("+43 1 531 15-0", "ext. 12 (evenings)"),
                address="Minoritenplatz 8; 1010 Wien, Austria",
                birth_date=date(1970, 4, 15) if index == 0 else None,
                birthday=229 if index == 1 else None,
                languages="de, en",
                biography="Confidential judgement that must not leave.",
                memberships=(
                    MembershipInput("Head of Unit; acting\nnow", unit.id),
                    MembershipInput("Former post", ministry.id, date(2010, 1, 1), date(2020, 1, 1)),
                ),
                tag_ids=tuple(tags.values()),
            )
        )
        people.set_photo(detail.id, _jpeg((index * 40, 80, 120)), detail.version)
        ids[family] = detail.id
    for code in ("R", "C", "TS"):
        ids[code] = people.create(PersonInput(family_name=f"Secret{code}", classification=code)).id
    return ids


def _read_back(path: Path) -> list[vobject.base.Component]:
    return list(vobject.readComponents(path.read_text(encoding="utf-8")))


def _photos(path: Path) -> dict[str, str]:
    """PHOTO data: URIs by UID, from the unfolded file.

    vobject 0.9.9 reads PHOTO as 3.0 text and cuts a 4.0 data: URI at its comma, so the
    photo is taken from the raw lines (every other property is checked through vobject).
    """
    photos: dict[str, str] = {}
    photo = ""
    for line in re.sub(r"\r\n[ \t]", "", path.read_bytes().decode()).split("\r\n"):
        if line.startswith("PHOTO:"):
            photo = line[6:]
        elif line.startswith("UID:"):
            photos[line[4:]] = photo
    return photos


def test_every_person_comes_back_whole_through_vobject(database: Database, tmp_path: Path) -> None:
    """Names in five scripts (NFC), current post and its unit chain, tags, photo, UID."""
    ids = _people(database)
    path = tmp_path / "people.vcf"
    count = export_vcards(database, path, country_id=None, ceiling="U", today=TODAY)
    assert count == len(NAMES)
    cards = {c.n.value.family: c for c in _read_back(path)}
    assert set(cards) == {family for _, family in NAMES}
    photos = _photos(path)
    people = PersonService(database)
    for given, family in NAMES:
        card = cards[family]
        detail = people.get(ids[family], today=TODAY)
        assert card.version.value == "4.0"
        assert card.n.value.given == unicodedata.normalize("NFC", given)
        # FN is the display form: family first and unspaced for a name in Han script.
        assert card.fn.value == ordered_name(unicodedata.normalize("NFC", given), family)
        assert card.fn.value == detail.display_name
        assert [t.value for t in card.contents["title"]] == ["Head of Unit; acting\nnow"]
        assert card.org.value == ["Ministry of Foreign Affairs; Trade", "Unit\\Europe, North"]
        assert card.categories.value == ["Culture", "Trade, investment"]
        assert card.uid.value == f"urn:uuid:{detail.uid}"
        assert [e.value for e in card.contents["email"]] == [detail.data.emails[0]]
        tels = [t.value for t in card.contents["tel"]]
        assert tels == ["+43 1 53115 ext. 0", "ext. 12 (evenings)"]  # stored E.164 and extension
        assert "note" not in card.contents  # the biography stays home
        media, _, payload = photos[str(card.uid.value)].partition(";base64,")
        assert media == "data:image/jpeg"
        assert base64.b64decode(payload) == people.photo(ids[family])[0]  # type: ignore[index]
    assert cards["Ångström-Müller"].bday.value == "19700415"
    assert cards["Παπαδοπούλου"].bday.value == "--0229"
    assert cards["Ångström-Müller"].n.value.prefix == "Dr"


def test_nothing_above_the_ceiling_leaves(database: Database, tmp_path: Path) -> None:
    """The ceiling keeps out everyone marked above it; None exports everyone."""
    _people(database)
    for ceiling, expected in (("U", 5), ("R", 6), ("CONFIDENTIAL", 7), (None, 8)):
        path = tmp_path / f"{ceiling}.vcf"
        assert export_vcards(database, path, country_id=None, ceiling=ceiling) == expected
        families = {c.n.value.family for c in _read_back(path)}
        assert len(families) == expected
        if ceiling == "U":
            assert not any(f.startswith("Secret") for f in families)
    with pytest.raises(ServiceError, match="not a classification"):
        export_vcards(database, tmp_path / "x.vcf", country_id=None, ceiling="Z")
    assert not (tmp_path / "x.vcf").exists()


def test_one_country_only(sqlite_database: Database, tmp_path: Path) -> None:
    """--country narrows the export to the people of that country."""
    austria = CountryService(sqlite_database).create(CountryInput("AT", "Austria"))
    people = PersonService(sqlite_database)
    people.create(PersonInput(family_name="Inside", country_id=austria.id))
    people.create(PersonInput(family_name="Outside"))
    path = tmp_path / "one.vcf"
    assert export_vcards(sqlite_database, path, country_id=austria.id, ceiling="U") == 1
    assert [c.n.value.family for c in _read_back(path)] == ["Inside"]


def test_lines_are_folded_at_75_octets_without_splitting_characters(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """Every physical line is at most 75 octets, valid UTF-8 on its own, ended by CRLF."""
    _people(sqlite_database)
    path = tmp_path / "folded.vcf"
    export_vcards(sqlite_database, path, country_id=None, ceiling=None)
    data = path.read_bytes()
    assert data.endswith(b"END:VCARD\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # raises if a fold cut a character in two


def test_export_then_import_gives_the_same_people(database: Database, tmp_path: Path) -> None:
    """Our own reader and importer take our export back: same names, posts, photo, UID."""
    ids = _people(database)
    path = tmp_path / "round.vcf"
    export_vcards(database, path, country_id=None, ceiling="U", today=TODAY)
    with path.open("rb") as stream:
        cards = list(read_vcards(stream))
    assert all(isinstance(c, ContactCard) and not c.problems for c in cards)
    report = import_cards(database, cards, dry_run=True, today=TODAY)  # type: ignore[arg-type]
    assert {line.outcome for line in report.lines} == {Outcome.SKIP}
    assert {line.person_id for line in report.lines} == {ids[f] for _, f in NAMES}
    assert all("same UID" in line.reason for line in report.lines)
    li = next(c for c in cards if isinstance(c, ContactCard) and c.family_name == "李")
    assert (li.organisation, li.units) == (
        "Ministry of Foreign Affairs; Trade",
        ("Unit\\Europe, North",),
    )
    assert li.phones[0].value == "+43 1 53115 ext. 0"
    assert li.address == "Minoritenplatz 8; 1010 Wien, Austria"


def test_the_file_appears_whole_or_not_at_all(
    sqlite_database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write failing midway (a full disk) leaves the old file and no temporary file."""
    _people(sqlite_database)
    path = tmp_path / "keep.vcf"
    path.write_bytes(b"old")
    calls = 0

    def full_disk(line: str) -> bytes:
        nonlocal calls
        calls += 1
        if calls > 40:
            raise OSError(28, "No space left on device")
        return line.encode() + b"\r\n"

    monkeypatch.setattr(vcard_write, "fold_line", full_disk)
    with pytest.raises(OSError, match="No space"):
        export_vcards(sqlite_database, path, country_id=None, ceiling="U")
    assert path.read_bytes() == b"old"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".bilatdesk-")]
    with pytest.raises(ServiceError, match="not a classification"):
        export_vcards(sqlite_database, path, country_id=None, ceiling="nonsense")
    assert path.read_bytes() == b"old"
