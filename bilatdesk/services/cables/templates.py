"""New cables from a template, and the readout of a meeting drafted from its engagement."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bilatdesk.domain import CableKind, ParagraphSection, Side
from bilatdesk.services.cables.records import CableDetail, CableInput, ParagraphInput
from bilatdesk.services.cables.service import CableService
from bilatdesk.services.countries.service import CountryService
from bilatdesk.services.engagements.service import EngagementService
from bilatdesk.services.kernel.settings import post_settings
from bilatdesk.store.database import Database

S, B, C = (ParagraphSection.SUMMARY, ParagraphSection.BODY, ParagraphSection.COMMENT)

# Each kind's skeleton: a subject headline and the paragraphs a drafter fills in.
TEMPLATES: dict[CableKind, tuple[str, tuple[tuple[ParagraphSection, str], ...]]] = {
    CableKind.GENERAL: ("", ((B, ""),)),
    CableKind.READOUT: (
        "MEETING WITH ",
        (
            (S, "In one or two sentences: who, what was agreed, what follows."),
            (B, "Participants, date and place."),
            (B, "What they said."),
            (B, "What we said."),
            (C, "Our assessment."),
        ),
    ),
    CableKind.SCENESETTER: (
        "SCENESETTER FOR THE VISIT OF ",
        (
            (S, "Why this visit matters now, in three sentences."),
            (B, "The political context."),
            (B, "What the hosts want from the visit."),
            (B, "What we want: objectives and deliverables."),
            (C, "Risks and sensitivities."),
        ),
    ),
    CableKind.SITUATION_REPORT: (
        "SITUATION REPORT: ",
        (
            (S, "The situation in two sentences."),
            (B, "Developments since the last report."),
            (B, "Effect on our interests and nationals."),
            (C, "Outlook."),
        ),
    ),
    CableKind.DEMARCHE_REPORT: (
        "DEMARCHE DELIVERED ON ",
        (
            (B, "Demarche delivered on (date) to (name, post), as instructed in REF A."),
            (B, "Response."),
            (C, "Assessment and recommended follow-up."),
        ),
    ),
    CableKind.CREDENTIALS_REPORT: (
        "PRESENTATION OF CREDENTIALS",
        (
            (S, "Credentials presented to (head of state) on (date)."),
            (B, "The ceremony."),
            (B, "The conversation."),
            (C, "First impressions."),
        ),
    ),
    CableKind.BIOGRAPHIC_NOTE: (
        "BIOGRAPHIC NOTE: ",
        (
            (B, "Name, post, date of appointment."),
            (B, "Career."),
            (B, "Views and attitude towards us."),
            (B, "Personal: languages, family, interests."),
        ),
    ),
    CableKind.END_OF_TOUR: (
        "END OF TOUR",
        (
            (S, "The relationship now, compared with the start of the tour."),
            (B, "What was achieved."),
            (B, "What remains to be done."),
            (C, "Recommendations for my successor."),
        ),
    ),
}


class CableDrafting:
    """Starting points for new cables."""

    def __init__(self, database: Database) -> None:
        self.db = database
        self.cables = CableService(database)

    def from_template(
        self, kind: CableKind, *, drafter: str, country_id: int | None = None
    ) -> CableDetail:
        headline, paragraphs = TEMPLATES[kind]
        country = self._country_name(country_id)
        return self.cables.create(
            self._base(
                kind,
                country_id,
                f"{country}: {headline}" if country else headline,
                tuple(ParagraphInput(text, "U", section) for section, text in paragraphs),
            ),
            drafter=drafter,
        )

    def readout(self, engagement_id: int, *, drafter: str) -> CableDetail:
        """ "Report this meeting": a draft pre-filled with who, when, where and the outcome."""
        engagement = EngagementService(self.db).get(engagement_id)
        data = engagement.data
        zone = ZoneInfo(data.time_zone)
        when = data.starts_at.astimezone(zone)
        theirs = [
            p.name + (f" ({p.role})" if p.role else "")
            for p in engagement.participants
            if p.side is Side.THEIRS
        ]
        ours = [
            p.name + (f" ({p.role})" if p.role else "")
            for p in engagement.participants
            if p.side is Side.OURS
        ]
        country = self._country_name(data.country_id)
        counterpart = theirs[0].split(" (")[0] if theirs else data.title
        setting = f"{when:%d %B %Y, %H:%M} {when.tzname()}" + (
            f", {data.place}" if data.place else ""
        )
        paragraphs = [
            ParagraphInput(f"Summary of the meeting with {counterpart}.", data.classification, S),
            ParagraphInput(
                f"{data.title}. {setting}. Participants: "
                f"{'; '.join(theirs) or 'not recorded'}. Our side: "
                f"{'; '.join(ours) or 'not recorded'}.",
                data.classification,
            ),
        ]
        if data.agenda:
            paragraphs.append(ParagraphInput(f"Agenda: {data.agenda}", data.classification))
        if data.outcome:
            paragraphs.append(ParagraphInput(data.outcome, data.classification))
        paragraphs.append(ParagraphInput("Our assessment.", data.classification, C))
        subject = (
            f"{country}: MEETING WITH {counterpart}".upper()
            if country
            else (f"MEETING WITH {counterpart}".upper())
        )
        base = self._base(CableKind.READOUT, data.country_id, subject[:300], tuple(paragraphs))
        return self.cables.create(
            CableInput(
                **{
                    **base.__dict__,
                    "classification": data.classification,
                    "engagement_id": engagement_id,
                    # The people the cable is about: the other side, not our own staff.
                    "person_ids": tuple(
                        p.person_id
                        for p in engagement.participants
                        if p.person_id is not None and p.side is Side.THEIRS
                    ),
                }
            ),
            drafter=drafter,
        )

    def _base(
        self,
        kind: CableKind,
        country_id: int | None,
        subject: str,
        paragraphs: tuple[ParagraphInput, ...],
    ) -> CableInput:
        post = post_settings(self.db)
        return CableInput(
            subject=subject,
            kind=kind,
            country_id=country_id,
            to_addressees=(post.capital_desk,) if post.capital_desk else (),
            signature=post.head_of_mission,
            paragraphs=paragraphs,
        )

    def _country_name(self, country_id: int | None) -> str:
        if country_id is None:
            return ""
        return CountryService(self.db).get(country_id).data.name.upper()
