"""`bilatdesk import vcard|csv` and `bilatdesk export vcard|csv` on a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bilatdesk.app import main
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.store.database import Database
from tests import paths

VCARDS = paths.DATA / "vcards"


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """An empty, migrated bilatdesk database file."""
    path = tmp_path / "contacts.sqlite"
    Database.open(path).close()
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _people(capsys: pytest.CaptureFixture[str], db_file: Path) -> list[str]:
    code, out, _ = _run(capsys, "list", "people", "--db", str(db_file), "--json")
    assert code == 0
    return sorted(row["name"] for row in json.loads(out))


def test_import_prints_refusals_and_the_counts(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One line per refused or skipped card, then the counts; exit 0 despite refusals."""
    code, out, err = _run(
        capsys, "import", "vcard", str(VCARDS / "malformed.vcf"), "--db", str(db_file)
    )
    assert code == 0, err
    lines = out.splitlines()
    # A card with no name but an e-mail is imported under the address, flagged (issue 17).
    assert any(
        line.startswith("line 50: created nobody@example.org — The card has no name;")
        for line in lines
    ), lines
    assert any(line.startswith("line 8: refused Una Unfinished — ") for line in lines)
    assert any(
        line.startswith("line 45: created Ines Mail — The e-mail 'ines(at)example.org'")
        for line in lines
    )
    assert lines[-1] == "10 created, 0 updated, 0 skipped, 4 refused"
    assert len(_people(capsys, db_file)) == 10


def test_dry_run_says_so_and_writes_nothing(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--dry-run prints the same report, says nothing was written, and writes nothing."""
    argv = ["import", "vcard", str(VCARDS / "iphone.vcf"), "--db", str(db_file)]
    code, dry, _ = _run(capsys, *argv, "--dry-run")
    assert code == 0
    assert dry.splitlines()[-2:] == [
        "2 created, 0 updated, 0 skipped, 1 refused (would be)",
        "Dry run: nothing was written.",
    ]
    assert _people(capsys, db_file) == []
    code, real, _ = _run(capsys, *argv)
    assert code == 0
    assert real.splitlines()[:-1] == dry.splitlines()[:-2]
    assert _people(capsys, db_file) == ["Eleni Papadopoulou", "Ελένη Παπαδοπούλου"]


def test_on_match_skip_and_update(db_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--on-match skip reports matches as skipped; update (the default) fills them in."""
    with Database.open(db_file) as db:
        PersonService(db).create(
            PersonInput(family_name="Müller", emails=("joerg.mueller@bmeia.example.at",))
        )
    argv = ["import", "vcard", str(VCARDS / "outlook.vcf"), "--db", str(db_file)]
    code, out, _ = _run(capsys, *argv, "--on-match", "skip")
    assert code == 0
    assert out.splitlines()[0].startswith("line 1: skipped Jörg Müller — matches Müller")
    assert out.splitlines()[-1] == "1 created, 0 updated, 1 skipped, 0 refused"
    code, out, _ = _run(capsys, *argv)
    assert out.splitlines()[-1] == "0 created, 1 updated, 1 skipped, 0 refused"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.vcf", "no file at"),
        (lambda tmp: tmp, "is not a file"),
    ],
)
def test_a_missing_file_is_one_line_and_exit_1(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make, message: str
) -> None:  # type: ignore[no-untyped-def]
    """A file that is not there (or a folder) fails with one line on stderr."""
    code, out, err = _run(capsys, "import", "vcard", str(make(tmp_path)), "--db", str(db_file))
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and message in err


def test_export_leaves_classified_people_home(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """By default only unclassified people leave; --ceiling raises the bar."""
    with Database.open(db_file) as db:
        people = PersonService(db)
        people.create(PersonInput(family_name="Open"))
        people.create(PersonInput(family_name="Restricted", classification="R"))
        people.create(PersonInput(family_name="Secret", classification="S"))
    out_file = tmp_path / "out.vcf"
    code, out, _ = _run(capsys, "export", "vcard", str(out_file), "--db", str(db_file))
    assert code == 0
    assert (
        out.strip()
        == f"1 person written to {out_file} (vCard 4.0; nothing marked above UNCLASSIFIED)"
    )
    assert b"Open" in out_file.read_bytes() and b"Restricted" not in out_file.read_bytes()
    code, out, _ = _run(
        capsys, "export", "vcard", str(out_file), "--db", str(db_file), "--ceiling", "restricted"
    )
    assert code == 0 and out.startswith("2 people written")
    assert b"Secret" not in out_file.read_bytes()
    code, _, err = _run(
        capsys, "export", "vcard", str(out_file), "--db", str(db_file), "--ceiling", "Z"
    )
    assert code == 1 and "not a classification" in err


def test_export_to_a_missing_folder_is_one_line(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output folder that does not exist fails before anything is read."""
    code, _, err = _run(
        capsys, "export", "vcard", str(tmp_path / "nowhere" / "x.vcf"), "--db", str(db_file)
    )
    assert code == 1 and "no folder" in err


def test_csv_round_trip_through_the_cli(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Export CSV, import it into a fresh database, and the same people are there."""
    code, _, _ = _run(capsys, "import", "vcard", str(VCARDS / "android.vcf"), "--db", str(db_file))
    assert code == 0
    csv_file = tmp_path / "people.csv"
    code, out, _ = _run(capsys, "export", "csv", str(csv_file), "--db", str(db_file))
    assert code == 0 and out.startswith("2 people written")
    fresh = tmp_path / "fresh.sqlite"
    Database.open(fresh).close()
    code, out, err = _run(capsys, "import", "csv", str(csv_file), "--db", str(fresh))
    assert code == 0, err
    assert out.splitlines()[0].startswith("people.csv: UTF-8")
    assert out.splitlines()[-1] == "2 created, 0 updated, 0 skipped, 0 refused"
    assert _people(capsys, fresh) == _people(capsys, db_file)


def test_csv_with_a_mapping_file(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--mapping names what each column fills; unmapped columns are listed."""
    csv_file = tmp_path / "odd.csv"
    csv_file.write_text("Nom de famille X;Courriel X;Ignored\nDupont;d@example.fr;zzz\n", "utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps({"Nom de famille X": "family_name", "Courriel X": "email", "Ignored": ""}),
        "utf-8",
    )
    code, out, err = _run(
        capsys, "import", "csv", str(csv_file), "--mapping", str(mapping), "--db", str(db_file)
    )
    assert code == 0, err
    assert out.splitlines()[-1] == "1 created, 0 updated, 0 skipped, 0 refused"
    assert _people(capsys, db_file) == ["Dupont"]
    code, _, err = _run(
        capsys,
        "import",
        "vcard",
        str(VCARDS / "iphone.vcf"),
        "--mapping",
        str(mapping),
        "--db",
        str(db_file),
    )
    assert code == 1 and "CSV files only" in err


def test_the_installed_command_runs(db_file: Path) -> None:
    """`python -m bilatdesk import vcard` in a process of its own."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bilatdesk",
            "import",
            "vcard",
            str(VCARDS / "thunderbird.vcf"),
            "--db",
            str(db_file),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "2 created, 0 updated, 0 skipped, 0 refused"
    assert "line 21: created محمد العلي — The photo is a link" in done.stdout


def test_country_gives_new_people_their_country(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--country CODE puts the imported people in that country; an unknown code is one line."""
    from bilatdesk.services.countries.service import CountryInput, CountryService

    with Database.open(db_file) as db:
        CountryService(db).create(CountryInput("AT", "Austria"))
    code, _out, err = _run(
        capsys,
        "import",
        "vcard",
        str(VCARDS / "iphone.vcf"),
        "--db",
        str(db_file),
        "--country",
        "XX",
    )
    assert code == 1 and "no country with code 'XX'" in err
    code, _out, err = _run(
        capsys,
        "import",
        "vcard",
        str(VCARDS / "iphone.vcf"),
        "--db",
        str(db_file),
        "--country",
        "AT",
    )
    assert code == 0, err
    code, out, _ = _run(capsys, "list", "people", "--db", str(db_file), "--json")
    rows = json.loads(out)
    assert rows and all(row["country"] == "Austria" for row in rows)
