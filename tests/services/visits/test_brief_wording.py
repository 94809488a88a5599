"""The demo brief as a reader meets it: dates judged on the brief's own day, protocol order,
human wording, key facts from the records, photo notices."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from bilatdesk.domain import Visit
from bilatdesk.domain.marking import text_of
from bilatdesk.reports.brief.records import Biography, BriefData
from bilatdesk.services.visits.brief.assemble import BriefService
from bilatdesk.services.visits.brief.people import photo_notices
from bilatdesk.services.visits.brief.wording import language_names, since
from bilatdesk.store.database import Database

_DAY = re.compile(r"\b(\d{1,2}) (\w{3}) (\d{4})\b")


@pytest.fixture(scope="module")
def demo_brief(demo_file: Path) -> BriefData:
    with Database.open(demo_file, lock=False) as db:
        with db.read() as session:
            visit_id = session.scalars(select(Visit.id)).first()
        assert visit_id is not None
        return BriefService(db).data(visit_id)


def _days(text: str) -> list[date]:
    from datetime import datetime

    return [datetime.strptime(" ".join(m.groups()), "%d %b %Y").date() for m in _DAY.finditer(text)]


def test_past_things_are_judged_on_the_briefs_own_date(demo_brief: BriefData) -> None:
    """Dated 22 November, the brief lists no last meeting or previous contact after that day,
    and calls nothing overdue that is due on or after it."""
    written = date.fromisoformat(demo_brief.produced_at[:10])
    assert written == date(2026, 11, 22)
    for call in demo_brief.calls:
        assert all(day < written for day in _days(text_of(call.last_meeting))[:1])
        for line in map(text_of, call.commitments):
            due = re.search(r"due (\d{1,2} \w{3} \d{4})", line)
            if due and "(overdue)" in line:
                assert _days(due.group(1))[0] < written
            elif due:
                assert _days(due.group(1))[0] >= written
    for person in demo_brief.biographies:
        for contact in person.previous_contacts:
            assert _days(text_of(contact))[0] < written


def test_programme_lists_the_principal_first_and_labels_in_words(demo_brief: BriefData) -> None:
    """Every item leads with our principal; hosts lead their side; kind and formality read as
    words."""
    for day in demo_brief.programme:
        for item in day.items:
            assert item.ours[0].endswith("(principal)")
            assert item.theirs[0].endswith("(host)")
            details = {d.label: d.text for d in item.details}
            assert details["Formality"] in {"Formal", "Informal", "Off the record"}
            assert "_" not in details["Kind"]


def test_wording_is_human_and_key_facts_gaps_take_one_line(demo_brief: BriefData) -> None:
    """Languages by name, relations by year, accreditation in words; one quiet missing line."""
    languages = [person.languages for person in demo_brief.biographies]
    assert "Greek, English" in languages and not any(
        re.search(r"\b[a-z]{2}\b", x) for x in languages
    )
    relations = {item.label: item.text for item in demo_brief.relations.items}
    assert relations["Relations"] == "normal since 1992"
    assert relations["Accreditation"] == "Non-resident (from Vienna)"
    assert "Diplomatic relations" not in relations  # the same fact, said once
    assert demo_brief.key_facts.missing == ("head of state, head of government.",)
    assert demo_brief.state == "the Republic of Veloria" and demo_brief.country == "Greece"


def test_language_names_and_years() -> None:
    """Codes become names, other words stay; a 1 January stands for its year."""
    assert language_names("el, en; deu") == "Greek, English, German"
    assert language_names("Swahili, fr") == "Swahili, French"
    assert language_names("") == ""
    assert since(date(1992, 1, 1)) == "1992" and since(date(1992, 3, 4)) == "4 Mar 1992"


def test_a_photo_too_small_to_print_sharply_is_reported() -> None:
    """A 100-pixel photo gives a notice naming the person; a large one and none give none."""

    def png(width: int, height: int) -> bytes:
        buffer = io.BytesIO()
        Image.new("RGB", (width, height), "grey").save(buffer, "PNG")
        return buffer.getvalue()

    people = (
        Biography("Small Photo", photo=png(100, 80)),
        Biography("Large Photo", photo=png(900, 600)),
        Biography("No Photo"),
        Biography("Broken Photo", photo=b"not an image"),
    )
    notices = photo_notices(people)
    assert len(notices) == 2
    assert "Small Photo" in notices[0] and "100 × 80" in notices[0]
    assert "Broken Photo" in notices[1]
