"""Time `render_brief` on a ~50-page brief against raw reportlab laying out the same text.

Run: `.venv/bin/python -m benchmarks.brief_bench`. The floor is reportlab with the built-in
Helvetica, no escaping, no script runs, no tables, photos, contents or page furniture: what any
PDF of that much text costs. The goals: <= 2 s, and <= 3x the floor (the contents need the
whole book laid out at least twice).
"""

from __future__ import annotations

import dataclasses
import io
import sys
from collections.abc import Iterator

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from benchmarks.timing import in_turns
from bilatdesk.domain.marking import shown
from bilatdesk.reports.brief.document import render_brief
from bilatdesk.reports.brief.records import BriefData, Labelled, Section
from bilatdesk.reports.fonts import register_fonts
from tests.reports.brief.samples import biography, call, day, full_brief

GOAL_S = 2.0
GOAL_RATIO = 3.0


def brief() -> BriefData:
    """A long visit: 8 days of programme, 13 calls, 20 biographies, long sections."""
    base = full_brief()
    steering = dataclasses.replace(base.steering, items=base.steering.items * 3)
    return dataclasses.replace(
        base,
        steering=steering,
        programme=tuple(day(i) for i in range(8)),
        calls=tuple(call(i) for i in range(13)),
        biographies=tuple(biography(i) for i in range(20)),
        relations=_longer(base.relations, 4),
        protocol=_longer(base.protocol, 4),
    )


def _longer(section: Section, times: int) -> Section:
    items = tuple(Labelled(f"{i.label} ({k})", i.text) for k in range(times) for i in section.items)
    return dataclasses.replace(section, items=items)


def texts(data: BriefData) -> Iterator[str]:
    """Every string the brief prints, in reading order."""
    yield from (data.title, data.version, data.prepared_by)
    for section in (data.steering, data.key_facts, data.relations, data.protocol):
        yield section.title
        for item in section.items:
            yield from (item.label, item.text)
    for programme_day in data.programme:
        yield programme_day.day
        for e in programme_day.items:
            yield from (e.time, e.title, e.place, *e.theirs, *e.ours)
            yield from (f"{d.label}: {d.text}" for d in e.details)
    for c in data.calls:
        yield from (c.title, c.when, c.objectives, c.points_to_make, c.their_points)
        yield from (shown(c.last_meeting), *map(shown, c.commitments), *c.missing)
    for b in data.biographies:
        yield from (b.name, b.original_script, b.pronunciation, b.form_of_address)
        yield from (b.current_post, *b.post_history, b.languages)
        yield from map(shown, b.previous_contacts)
        yield from (b.biography, b.source)
    for heading, lines in data.agreements.groups:
        yield heading
        for line in lines:
            yield from (line.title, line.detail)


def raw_reportlab(data: BriefData) -> bytes:
    """The floor: the same strings as plain Helvetica paragraphs, straight into reportlab."""
    style = ParagraphStyle("raw", fontName="Helvetica", fontSize=10, leading=14, spaceAfter=8)
    buffer = io.BytesIO()
    # Our own text, no markup but a bare "&", which reportlab tolerates: no escaping needed.
    story = [Paragraph(text, style) for text in texts(data) if text.strip()]
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return buffer.getvalue()


@dataclasses.dataclass(frozen=True)
class Figures:
    """Medians in seconds and page counts, for `main` to print."""

    pages: int
    seconds: float
    floor_pages: int
    floor_seconds: float


def measure() -> Figures:
    register_fonts()
    data = brief()
    pages = len(PdfReader(io.BytesIO(render_brief(data))).pages)
    floor_pages = len(PdfReader(io.BytesIO(raw_reportlab(data))).pages)
    brief_run, floor_run = in_turns(
        [lambda: render_brief(data), lambda: raw_reportlab(data)], repeat=5
    )
    return Figures(pages, brief_run.wall, floor_pages, floor_run.wall)


def main() -> int:
    f = measure()
    ratio = f.seconds / f.floor_seconds
    verdict = "ok" if f.seconds <= GOAL_S and ratio <= GOAL_RATIO else "OVER GOAL"
    print(f"render_brief   {f.pages} pages  {f.seconds * 1000:6.0f} ms  (goal <= {GOAL_S:.0f} s)")
    print(f"raw reportlab  {f.floor_pages} pages  {f.floor_seconds * 1000:6.0f} ms  (Helvetica)")
    print(f"ratio          {ratio:.2f}x  (goal <= {GOAL_RATIO:.0f}x: {verdict})")
    # Timing on a shared machine is noisy: report the goal, never fail the run over it.
    return 0


if __name__ == "__main__":
    sys.exit(main())
