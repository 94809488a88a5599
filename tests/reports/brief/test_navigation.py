"""The brief as a file: bookmarks for every heading, contents that link, metadata, photos."""

from __future__ import annotations

import io

from PIL import Image
from pypdf.generic import Destination

from bilatdesk.reports.brief.bios import PHOTO_H, PHOTO_MAX_W, _photo
from bilatdesk.reports.brief.document import render_brief, running_head
from tests.reports import pdfread
from tests.reports.brief.samples import TITLE, full_brief


def _outline(items: list[object], depth: int = 0) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for item in items:
        if isinstance(item, list):
            found += _outline(item, depth + 1)
        else:
            assert isinstance(item, Destination)
            found.append((depth, str(item.title)))
    return found


def test_every_heading_has_a_bookmark_on_its_page_and_the_contents_link_to_them() -> None:
    """Each contents entry is a bookmark (sections at the top level, their parts under them)
    pointing at the page the heading is on; the contents page carries a link per entry."""
    pdf = render_brief(full_brief())
    reader = pdfread.reader(pdf)
    outline = _outline(reader.outline)
    top = [title for depth, title in outline if depth == 0]
    assert top[:3] == ["Steering brief", "Programme", "Call briefs"]
    assert "Protocol notes" in top and any(depth == 1 for depth, _ in outline)
    texts = pdfread.page_texts(pdf)
    flat = list(_flatten(reader.outline))
    for item in flat:
        page = reader.get_destination_page_number(item)
        assert str(item.title).split()[0] in texts[page]
    links = reader.pages[1].get("/Annots", [])
    assert len(links) >= len(outline)


def _flatten(items: list[object]) -> list[Destination]:
    out: list[Destination] = []
    for item in items:
        out += _flatten(item) if isinstance(item, list) else [item]  # type: ignore[list-item]
    return out


def test_metadata_names_the_visit_the_post_and_the_marking() -> None:
    """Title, Subject (the visit), Author (the post) and Keywords with the overall marking."""
    data = full_brief()
    info = pdfread.reader(render_brief(data)).metadata
    assert info is not None
    assert info.title == f"Visit brief: {TITLE}"
    assert info.subject == TITLE
    assert info.author == data.prepared_by
    assert data.classification in str(info.get("/Keywords"))


def test_running_head_names_the_visit_or_its_short_title() -> None:
    """A title that fits heads every page; a longer one gives way to the short title."""
    assert running_head(full_brief()) == TITLE
    long = full_brief(title="Visit " + "of a very long name " * 8, short_title="Visit to Greece")
    assert running_head(long) == "Visit to Greece"


def test_a_landscape_photo_keeps_its_shape_in_a_wider_frame() -> None:
    """A 4:3 landscape photo prints at 4:3, wider than a portrait, within the frame."""

    def png(width: int, height: int) -> bytes:
        buffer = io.BytesIO()
        Image.new("RGB", (width, height), "grey").save(buffer, "PNG")
        return buffer.getvalue()

    landscape = _photo(png(800, 600))
    width, height = landscape.wrap(500, 500)
    assert abs(width / height - 4 / 3) < 0.02
    assert width <= PHOTO_MAX_W + 0.01 and height <= PHOTO_H + 0.01
    portrait = _photo(png(600, 800))
    assert portrait.wrap(500, 500)[1] == PHOTO_H and portrait.wrap(500, 500)[0] < width
