"""`bilatdesk who`: who held a post on a day, as lines or JSON, run through the real CLI."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest

from bilatdesk.cli import main
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.service import MembershipInput, PersonInput, PersonService
from bilatdesk.store.database import Database
from tests.databases import DEMO_DAY


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_who_holds_a_post_today_in_the_demo(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo's new Chief of Protocol in Sofia, one line with organisation and start."""
    code, out, err = _run(
        capsys,
        "who",
        "chief of protocol",
        "--country",
        "bg",
        "--db",
        str(demo_file),
        "--on",
        DEMO_DAY.isoformat(),
    )
    assert code == 0, err
    start = DEMO_DAY - timedelta(days=90)
    assert out == f"Nadezhda Ilieva — Chief of Protocol (State Protocol), from {start}\n"


def test_who_held_it_the_day_before_the_handover(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The predecessor held the post until the day before the successor started."""
    last_day = DEMO_DAY - timedelta(days=91)
    code, out, _ = _run(
        capsys,
        "who",
        "Chief of Protocol",
        "--country",
        "BG",
        "--db",
        str(demo_file),
        "--on",
        last_day.isoformat(),
    )
    assert code == 0
    assert out.startswith("Kaloyan Yordanov — Chief of Protocol (State Protocol), from ")
    assert out.endswith(f" to {last_day}\n")


def test_acting_holders_are_marked(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An acting holder's line ends with [acting]."""
    code, out, _ = _run(
        capsys,
        "who",
        "Head of Unit, Neighbouring Countries",
        "--country",
        "jo",
        "--db",
        str(demo_file),
        "--on",
        DEMO_DAY.isoformat(),
    )
    assert code == 0
    assert out.startswith("Nour Al-Zoubi — ") and out.endswith(" [acting]\n")


def test_who_as_json(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints an array of holders with ids, names in full and ISO dates."""
    code, out, _ = _run(
        capsys,
        "who",
        "minister of foreign affairs",
        "--country",
        "gr",
        "--db",
        str(demo_file),
        "--on",
        DEMO_DAY.isoformat(),
        "--json",
    )
    assert code == 0
    (holder,) = json.loads(out)
    assert holder["name"] == "Georgios Konstantinou"
    assert holder["post_title"] == "Minister of Foreign Affairs"
    assert {"membership_id", "person_id", "start_date", "end_date", "acting", "note"} <= set(holder)
    date.fromisoformat(holder["start_date"])


def test_nobody_held_it(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No holder: one line saying so, and success; with --json an empty array."""
    code, out, _ = _run(
        capsys, "who", "Astronaut", "--country", "at", "--db", str(demo_file), "--on", "2026-01-01"
    )
    assert code == 0
    assert out == "Nobody held a post matching 'Astronaut' in Austria on 2026-01-01.\n"
    code, out, _ = _run(
        capsys, "who", "Astronaut", "--country", "at", "--db", str(demo_file), "--json"
    )
    assert code == 0 and json.loads(out) == []


def test_unknown_country_is_one_line_and_exit_one(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An ISO code not in the database fails with one line on stderr and exit code 1."""
    code, out, err = _run(capsys, "who", "Minister", "--country", "zz", "--db", str(demo_file))
    assert code == 1 and out == ""
    assert err == "bilatdesk: no country with code 'zz' in this database\n"


def test_country_is_required(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Without --country argparse refuses the command."""
    with pytest.raises(SystemExit) as exited:
        main(["who", "Minister", "--db", str(tmp_path / "x.sqlite")])
    assert exited.value.code == 2
    assert "--country" in capsys.readouterr().err


def test_defaults_to_today_and_keeps_every_script(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --on it answers for today; original-script names come out unchanged (NFC)."""
    path = tmp_path / "who.sqlite"
    with Database.open(path) as db:
        greece = CountryService(db).create(CountryInput(iso_code="GR")).id
        ministry = (
            OrganisationService(db)
            .create(OrganisationInput("Υπουργείο Εξωτερικών", country_id=greece))
            .id
        )
        people = PersonService(db)
        for original, start in (("Ελένη Αλεξίου", 1), ("王立新", -1)):  # -1: starts tomorrow
            people.create(
                PersonInput(
                    name_original=original,
                    country_id=greece,
                    memberships=(
                        MembershipInput("Υπουργός", ministry, date.today() - timedelta(days=start)),
                    ),
                )
            )
    code, out, _ = _run(capsys, "who", "ΥΠΟΥΡΓΌΣ", "--country", "GR", "--db", str(path))
    assert code == 0
    name, _, rest = out.partition(" — ")
    assert unicodedata.normalize("NFC", name) == unicodedata.normalize("NFC", "Ελένη Αλεξίου")
    assert rest.startswith("Υπουργός (Υπουργείο Εξωτερικών), from ")
    code, out, _ = _run(capsys, "who", "Υπουργός", "--country", "GR", "--db", str(path), "--json")
    assert [h["name"] for h in json.loads(out)] == ["Ελένη Αλεξίου"]
