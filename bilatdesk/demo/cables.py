"""The demo's cables: dispatched reports at several markings, one in clearance, drafts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from bilatdesk.demo.seed import DEMO_STATE, TAGS
from bilatdesk.domain import CableKind, Engagement, ParagraphSection, Tag
from bilatdesk.services.cables.records import CableDetail, CableInput, ParagraphInput
from bilatdesk.services.cables.service import CableService
from bilatdesk.services.cables.templates import CableDrafting
from bilatdesk.services.cables.workflow import CableWorkflow
from bilatdesk.services.countries.service import CountryService
from bilatdesk.services.kernel.settings import PostSettings, save_post_settings
from bilatdesk.store.database import Database

DRAFTER = "Marta Şahin"
DEPUTY = "Tomás Ó Briain"
HEAD = "Ana Kovačević-Brandt"
S, B, C = ParagraphSection.SUMMARY, ParagraphSection.BODY, ParagraphSection.COMMENT

# (country, days ago, marking, subject, paragraphs as (section, portion, text))
REPORTS = (
    (
        "BG",
        190,
        "C",
        "BULGARIA: TRANSIT DISPUTE SLOWS MINISTERIAL CONTACTS",
        (
            (
                S,
                "C",
                "Sofia has paused ministerial contacts over the transit of goods. Officials "
                "expect the pause to last until the joint commission meets.",
            ),
            (B, "U", "The Ministry of Economy announced new inspections at the border crossing."),
            (
                B,
                "C",
                "Director Dimitrov told us privately the measure is aimed at third parties, "
                "not at us, and will be eased once the commission agrees a procedure.",
            ),
            (
                C,
                "C",
                "We should not escalate. A quiet offer of technical talks would let Sofia "
                "climb down without losing face.",
            ),
        ),
    ),
    (
        "GR",
        60,
        "R",
        "GREECE: FERRY STRIKE STRANDS NATIONALS ON THE ISLANDS",
        (
            (B, "U", "A 48-hour ferry strike began at 0600 local time."),
            (
                B,
                "R",
                "Consular staff are in contact with 37 nationals on Crete and Rhodes; none "
                "is in distress. The honorary consul in Heraklion is assisting.",
            ),
        ),
    ),
    (
        "JO",
        35,
        "S",
        "JORDAN: VIEWS ON REGIONAL SECURITY",
        (
            (
                S,
                "S",
                "The Secretary-General gave a frank account of regional threats and asked "
                "for closer intelligence exchange.",
            ),
            (B, "R", "The meeting took place at the ministry at our request."),
            (B, "S", "He described the border situation as the most serious in a decade."),
            (C, "S", "The request deserves a positive answer in principle."),
        ),
    ),
    (
        "AT",
        12,
        "U",
        "AUSTRIA: CULTURAL COOPERATION PROGRAMME AGREED",
        (
            (
                B,
                "U",
                "The cultural cooperation programme 2027-2029 was agreed at working level "
                "today and will be signed during the spring visit. Hofburg exhibition "
                "dates are confirmed.",
            ),
        ),
    ),
)


class DemoCables:
    """Cables made through the real services, so the demo exercises the same rules."""

    def __init__(self, db: Database, today: date) -> None:
        self.db = db
        self.today = today
        self.cables = CableService(db)
        self.flow = CableWorkflow(db)
        self.ready: list[tuple[int, datetime]] = []

    def draft_all(self) -> None:
        save_post_settings(
            self.db,
            PostSettings(
                "VIE",
                "EMBASSY VIENNA",
                "KOVAČEVIĆ-BRANDT",
                "MFA CAPITAL / EUROPE DEPARTMENT",
                state_name=DEMO_STATE,
            ),
        )
        with self.db.session() as session:
            session.add_all(Tag(name=name) for name in TAGS)
        tags = {choice.name: choice.id for choice in self.cables.tag_choices()}
        countries = CountryService(self.db)
        for code, days, marking, subject, paragraphs in REPORTS:
            country = countries.by_code(code)
            assert country is not None
            when = datetime.combine(self.today - timedelta(days=days), time(15, 30), tzinfo=UTC)
            data = CableInput(
                subject=subject,
                kind=CableKind.SITUATION_REPORT,
                country_id=country.id,
                precedence="PRIORITY" if marking in {"C", "S"} else "ROUTINE",
                to_addressees=("MFA CAPITAL / EUROPE DEPARTMENT",),
                info_addressees=("EMBASSY ATHENS", "PERMANENT MISSION GENEVA")
                if code == "GR"
                else (),
                classification=marking,
                classified_by="" if marking == "U" else f"{HEAD}, Ambassador",
                classification_reason="" if marking == "U" else "Foreign government information",
                # Ten years from the cable's own date, not from the day the demo is built.
                declassify_on=None if marking == "U" else _ten_years_after(when.date()),
                signature="KOVAČEVIĆ-BRANDT",
                paragraphs=tuple(ParagraphInput(t, p, s) for s, p, t in paragraphs),
                tag_ids=(tags["political"],) if code != "GR" else (tags["consular"],),
            )
            draft = self.cables.create(data, drafter=DRAFTER)
            sent = self.flow.submit(
                draft.id,
                draft.version,
                clearers=[DEPUTY],
                actor=DRAFTER,
                now=when - timedelta(hours=3),
            )
            cleared = self.flow.clear(
                sent.id, sent.version, actor=DEPUTY, now=when - timedelta(hours=2)
            )
            approved = self.flow.approve(
                cleared.id, cleared.version, actor=HEAD, now=when - timedelta(hours=1)
            )
            self.ready.append((approved.id, when))
        self._in_progress()

    def _in_progress(self) -> None:
        """A readout out for clearance, one approved awaiting dispatch, and a fresh draft."""
        drafting = CableDrafting(self.db)
        with self.db.read() as session:
            recent = session.scalars(
                select(Engagement.id)
                .where(Engagement.outcome != "")
                .order_by(Engagement.starts_at.desc(), Engagement.id)
                .limit(2)
            ).all()
        readout = self._classified_by(drafting.readout(recent[0], drafter=DRAFTER))
        self.flow.submit(
            readout.id,
            readout.version,
            clearers=[DEPUTY],
            actor=DRAFTER,
            now=datetime.combine(self.today, time(9), tzinfo=UTC),
        )
        second = self._classified_by(drafting.readout(recent[1], drafter=DRAFTER))
        sent = self.flow.submit(
            second.id,
            second.version,
            clearers=[],
            actor=DRAFTER,
            now=datetime.combine(self.today, time(8), tzinfo=UTC),
        )
        self.flow.approve(
            sent.id,
            sent.version,
            actor=HEAD,
            now=datetime.combine(self.today, time(8, 30), tzinfo=UTC),
        )
        drafting.from_template(
            CableKind.SCENESETTER,
            drafter=DRAFTER,
            country_id=CountryService(self.db).choices()[0].id,
        )

    def _classified_by(self, draft: CableDetail) -> CableDetail:
        """The drafter completes what a readout cannot guess: who classified it."""
        data = replace(
            draft.data,
            classified_by=f"{HEAD}, Ambassador",
            classification_reason="Foreign government information",
        )
        return self.cables.update(draft.id, data, draft.version)

    def dispatch_ready(self) -> None:
        for cable_id, when in self.ready:
            detail = self.cables.get(cable_id)
            self.flow.dispatch(cable_id, detail.version, now=when)


def _ten_years_after(day: date) -> date:
    """The same day ten years on (28 February for a 29th that year lacks)."""
    try:
        return day.replace(year=day.year + 10)
    except ValueError:
        return day.replace(year=day.year + 10, day=28)
