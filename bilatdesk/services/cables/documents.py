"""From a cable record to its printed form: the CableData record, PDF bytes, kept documents."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    Cable,
    CableNature,
    CableStatus,
    ClassificationScheme,
    Country,
    GeneratedDocument,
    Side,
)
from bilatdesk.domain.cable import date_time_group
from bilatdesk.domain.marking import Marked, marked, overall_marking
from bilatdesk.reports.records import CableData, CableParagraph, Section
from bilatdesk.services.cables.service import load_cable
from bilatdesk.services.kernel.documents import keep_generated, verified
from bilatdesk.services.kernel.settings import read_post_settings
from bilatdesk.store.database import Database

NATURE_TEXT = {
    CableNature.INFORMATION: "FOR INFORMATION",
    CableNature.ACTION_REQUESTED: "ACTION REQUESTED",
    CableNature.INSTRUCTIONS_REQUESTED: "INSTRUCTIONS REQUESTED",
}


def cable_data(session: Session, cable: Cable, scheme: ClassificationScheme) -> CableData:
    """Everything the printed cable shows, decided here so the renderer looks nothing up."""
    post = read_post_settings(session)
    level = scheme.level(cable.classification)
    references: list[tuple[str, str | Marked]] = []
    for index, reference in enumerate(cable.references):
        cited = session.execute(
            select(Cable.serial, Cable.classification).where(Cable.id == reference.referenced_id)
        ).first()
        letter = string.ascii_uppercase[index % 26]
        if cited is not None and cited.serial:
            references.append((letter, marked(scheme, cited.classification, cited.serial)))
        else:  # free text the drafter wrote: the cable's own text
            references.append((letter, marked(scheme, level.code, reference.text)))
    country = session.get(Country, cable.country_id) if cable.country_id else None
    tags = [tag.name.upper() for tag in cable.tags]
    if country is not None:
        tags.append(country.iso_code)
    # TAGS name whom the cable is about; our own staff at its meeting are not a subject.
    ours = (
        {p.person_id for p in cable.engagement.participants if p.side is Side.OURS}
        if cable.engagement is not None
        else set()
    )
    tags.extend(person.display_name for person in cable.persons if person.id not in ours)
    nature = NATURE_TEXT[cable.nature]
    if cable.nature is CableNature.INSTRUCTIONS_REQUESTED and cable.instructions_by:
        nature += f" BY {cable.instructions_by:%d %b %Y}".upper()
    draft = cable.status is not CableStatus.DISPATCHED
    moment = cable.dispatched_at or cable.updated_at or datetime.now(UTC)
    data = CableData(
        classification="",
        caveats=cable.caveats,
        precedence=cable.precedence,
        deskby=f"DESKBY {date_time_group(cable.deskby_at)}" if cable.deskby_at else "",
        night_action=cable.night_action,
        dtg=cable.dtg,
        serial=cable.serial or "",
        from_post=post.name,
        to=tuple(a for a in cable.to_addressees.split("\n") if a),
        info=tuple(a for a in cable.info_addressees.split("\n") if a),
        subject=cable.subject,
        subject_mark=level.portion_mark,
        subject_classification=level.code,
        references=tuple(references),
        tags=tuple(tags),
        classified_by=cable.classified_by,
        classification_reason=cable.classification_reason,
        declassify_on=f"{cable.declassify_on:%d %b %Y}" if cable.declassify_on else "",
        nature=nature,
        paragraphs=tuple(
            CableParagraph(
                p.text,
                scheme.level(p.portion).portion_mark,
                Section(p.section.value),
                scheme.level(p.portion).code,
            )
            for p in cable.paragraphs
        ),
        signature=cable.signature or post.head_of_mission,
        draft=draft,
        produced_at=moment.astimezone(UTC).isoformat(timespec="seconds"),
    )
    # The banner is the highest of what prints, taken from the finished record.
    marking = overall_marking(scheme, data.portions())
    if marking == scheme.lowest:
        # Classification authority means something only on a classified cable (the printed
        # marking decides: a classified portion makes an UNCLASSIFIED draft classified).
        data = replace(data, classified_by="", classification_reason="", declassify_on="")
    return replace(data, classification=marking.name)


def marking_code(data: CableData, scheme: ClassificationScheme) -> str:
    """The code of the printed cable's overall marking, for the kept document's record."""
    return scheme.parse(data.classification).code


def render(data: CableData) -> bytes:
    from bilatdesk.reports.cable import render_cable

    return render_cable(data)


def keep_document(
    session: Session,
    cable: Cable,
    pdf: bytes,
    data: CableData,
    scheme: ClassificationScheme = DEFAULT_SCHEME,
) -> None:
    """The dispatched cable's PDF, kept with its hash, its printed marking and its inputs."""
    keep_generated(
        session,
        kind="cable",
        source_uid=str(cable.uid),
        title=f"{data.serial} {data.subject}",
        classification=marking_code(data, scheme),
        pdf=pdf,
        inputs={
            "serial": data.serial,
            "version": cable.version,
            "paragraphs": len(data.paragraphs),
        },
    )


class CableDocuments:
    """Printing cables: a draft is rendered fresh; a dispatched cable is its kept document."""

    def __init__(self, database: Database, scheme: ClassificationScheme = DEFAULT_SCHEME) -> None:
        self.db = database
        self.scheme = scheme

    def pdf(self, cable_id: int) -> bytes:
        with self.db.read() as session:
            cable = load_cable(session, cable_id)
            if cable.status is CableStatus.DISPATCHED:
                kept = session.execute(
                    select(GeneratedDocument.content, GeneratedDocument.sha256).where(
                        GeneratedDocument.kind == "cable",
                        GeneratedDocument.source_uid == str(cable.uid),
                    )
                ).first()
                if kept is not None:
                    # Never served unchecked: bytes altered in the database are refused.
                    return verified(kept.content, kept.sha256, f"The kept PDF of {cable.serial}")
            data = cable_data(session, cable, self.scheme)
        return render(data)

    def kept(self, cable_id: int) -> tuple[str, int] | None:
        """(sha256, size) of the kept PDF of a dispatched cable, or None."""
        with self.db.read() as session:
            uid = session.scalar(select(Cable.uid).where(Cable.id == cable_id))
            row = session.execute(
                select(GeneratedDocument.sha256, GeneratedDocument.size).where(
                    GeneratedDocument.kind == "cable", GeneratedDocument.source_uid == str(uid)
                )
            ).first()
            return None if row is None else (row.sha256, row.size)
