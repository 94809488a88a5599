"""Realistic visit briefs for the renderer's tests and benchmark: every script, every part."""

from __future__ import annotations

import dataclasses
import io
from typing import TypeVar

from PIL import Image

from bilatdesk.reports.brief.records import (
    AgreementLine,
    AgreementsPart,
    Biography,
    BriefData,
    CallBrief,
    Labelled,
    ProgrammeDay,
    ProgrammeItem,
    Section,
)

TITLE = "Visit of the Minister of Foreign Affairs to Greece, 24–26 November 2026"
MARKING = "CONFIDENTIAL"
SECTIONS = (
    "Steering brief",
    "Programme",
    "Call briefs",
    "Biographies",
    "Key facts",
    "State of relations",
    "Agreements",
    "Protocol notes",
)
NAMES = (
    ("Eleni Papadopoulou", "Ελένη Παπαδοπούλου", "eh-LEH-nee pa-pa-do-POO-loo"),
    ("Ivan Petrov", "Иван Петров", "ee-VAHN peh-TROF"),
    ("Fatima Al-Hashimi", "فاطمة الهاشمي", "FAH-ti-ma al-HA-shi-mee"),
    ("Wang Lei", "王磊", "wahng LAY"),
    ("Zoë Dvořák-Müller", "", "ZOH-ee DVOR-zhahk MUEL-ler"),
    ("Nikos Georgiou", "Νίκος Γεωργίου", "NEE-kos yor-YEE-oo"),
    ("Olga Sokolova", "Ольга Соколова", "OL-ga so-ko-LO-va"),
    ("Łukasz Żółkiewski", "", "WOO-kash zhoowl-KYEF-ski"),
)
_R = TypeVar("_R", Biography, CallBrief, BriefData)
_TEXT = (
    "The Minister should thank the host for the welcome and recall the fortieth anniversary "
    "of diplomatic relations, then turn to the investment chapter and the R&D partnership. "
    "The host side is expected to raise the ferry link and the visa facilitation file, on "
    "which our line is that the technical talks resume in January. "
)


def png(colour: tuple[int, int, int], size: tuple[int, int] = (60, 76)) -> bytes:
    """A small real PNG: a head-and-shoulders silhouette on a plain ground."""
    image = Image.new("RGB", size, colour)
    width, height = size
    shade = tuple(value // 3 for value in colour)
    for x in range(width):
        for y in range(height):
            head = (x - width / 2) ** 2 + (y - height * 0.35) ** 2 < (width * 0.22) ** 2
            body = y > height * 0.62 and abs(x - width / 2) < width * 0.4
            if head or body:
                image.putpixel((x, y), shade)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def biography(index: int, **changes: object) -> Biography:
    name, script, sound = NAMES[index % len(NAMES)]
    base = Biography(
        name=name,
        original_script=script,
        pronunciation=sound,
        form_of_address=f"Her Excellency {name}" if index % 2 == 0 else f"Mr {name}",
        current_post=("Minister of Foreign Affairs", "Deputy Minister", "Ambassador")[index % 3],
        post_history=(
            "2019–2025 Secretary-General, Ministry of Foreign Affairs",
            "2015–2019 Ambassador to Austria",
            "2010–2015 Director, European Affairs",
        ),
        languages="Greek, English, French",
        previous_contacts=("12 Mar 2026 — Courtesy call in Athens", "3 Oct 2025 — UNGA bilateral"),
        biography=_TEXT * 2,
        source="Ministry website, as of 3 Oct 2026",
        photo=png((200, 170, 140 + index * 10)) if index in {0, 3} else None,
        portion_mark="(C)" if index % 2 else "(R)",
    )
    return _replace(base, changes)


def call(index: int, **changes: object) -> CallBrief:
    name = NAMES[index % len(NAMES)][0]
    base = CallBrief(
        title=f"Call on {name}, {('Minister of Foreign Affairs', 'Speaker', 'Mayor')[index % 3]}",
        when=f"{24 + index % 3} November 2026, {9 + index}:00",
        portion_mark="(C)",
        objectives=_TEXT,
        points_to_make=_TEXT * 2,
        their_points=_TEXT,
        last_meeting="12 March 2026, Athens: agreed to relaunch the joint commission.",
        commitments=("Send the draft MoU on energy by December.", "Invite a trade mission."),
        missing=("No earlier meeting with this interlocutor recorded.",) if index == 4 else (),
    )
    return _replace(base, changes)


def day(index: int) -> ProgrammeDay:
    items = tuple(
        ProgrammeItem(
            time=f"{9 + 2 * k}:00–{10 + 2 * k}:15 EET",
            title=f"Meeting with {NAMES[(index + k) % len(NAMES)][0]}",
            place="Ministry of Foreign Affairs, Vasilissis Sofias 1, Athens",
            theirs=(f"{NAMES[(index + k + 1) % len(NAMES)][1] or 'Zoë'} (Deputy Minister)",),
            ours=("The Minister", "Ambassador Anna Berger", "Note-taker"),
            details=(
                Labelled("Press", "closed" if k % 2 else "open, photo spray at start"),
                Labelled("Interpreter", "Greek–English, consecutive"),
                Labelled("Dress", "lounge suit"),
            ),
            portion_mark="(R)" if k % 2 else "(U)",
        )
        for k in range(4)
    )
    return ProgrammeDay(
        f"{('Tuesday', 'Wednesday', 'Thursday')[index % 3]} {24 + index} Nov", items
    )


def section(title: str, count: int, text: str = _TEXT) -> Section:
    return Section(title, tuple(Labelled(f"Point {i + 1}", text) for i in range(count)))


def full_brief(**changes: object) -> BriefData:
    """A complete brief: 3 days, 5 calls, 8 biographies (two with photos), all sections."""
    base = BriefData(
        title=TITLE,
        classification=MARKING,
        version="3",
        prepared_by="Europe Desk — Zoë Dvořák",
        produced_at="2026-11-20T10:00:00Z",
        steering=Section(
            "Steering brief",
            tuple(
                Labelled(label, _TEXT)
                for label in ("Purpose", "Our objectives", "Key messages", "Press line")
            ),
        ),
        programme=tuple(day(i) for i in range(3)),
        calls=tuple(call(i) for i in range(5)),
        biographies=tuple(biography(i) for i in range(8)),
        key_facts=Section(
            "Key facts",
            (
                Labelled("Head of state", "Konstantinos Tasoulas (since 13 Mar 2025)"),
                Labelled("Capital", "Athens (Αθήνα)"),
                Labelled("National day", "25 March"),
                Labelled("Currency", "Euro"),
            ),
        ),
        relations=section("State of relations", 3),
        agreements=AgreementsPart(
            (
                ("In force", (AgreementLine("Cultural cooperation", "Signed 7 May 2022"),)),
                ("Under negotiation", ()),
                ("For signature during the visit", (AgreementLine("Energy MoU", "Ready"),)),
            )
        ),
        protocol=section("Protocol notes", 2),
    )
    return _replace(base, changes)


def empty_brief() -> BriefData:
    """Nothing planned or on file: every part carries only its `missing` sentence."""
    return BriefData(
        title=TITLE,
        classification="RESTRICTED",
        produced_at="2026-11-20T10:00:00Z",
        steering=Section("Steering brief", missing=("Steering brief not yet cleared.",)),
        programme_missing="No engagements are planned inside the visit's dates.",
        key_facts=Section("Key facts", missing=("No head of state recorded.",)),
        relations=Section("State of relations", missing=("No relationship recorded.",)),
        protocol=Section("Protocol notes", missing=("No protocol notes recorded.",)),
    )


def _replace(record: _R, changes: dict[str, object]) -> _R:
    return dataclasses.replace(record, **changes)  # type: ignore[arg-type]
