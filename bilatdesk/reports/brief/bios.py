"""The visit brief's biographies: a photo beside name, script, pronunciation and post."""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence

from PIL import Image as PILImage
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from bilatdesk.reports.brief.parts import (
    ACCENT,
    HEADING_CHARS,
    MUTED,
    RULE,
    SMALL,
    Para,
    bullets,
    field,
    heading,
)
from bilatdesk.reports.brief.records import Biography
from bilatdesk.reports.fonts import SANS, SANS_BOLD
from bilatdesk.reports.page import CONTENT_WIDTH
from bilatdesk.reports.styles import BODY
from bilatdesk.reports.text import markup

NO_PHOTO = "No photo on file."
BAD_PHOTO = "Photo could not be read."
PHOTO_W, PHOTO_H = 30 * mm, 38 * mm
# A landscape photo may take a wider frame, so it prints at its own shape, not as a strip.
PHOTO_MAX_W = 48 * mm
_GAP = 5 * mm
# A photo is printed 30 × 38 mm: 300 dpi needs ~450 px; larger images are scaled down so a
# 40-megapixel original does not bloat the file. Anything past the pixel cap is refused unread.
_PRINT_PX = (570, 450)
_MAX_PIXELS = 60_000_000
_NAME = ParagraphStyle(
    "bio-name",
    parent=BODY,
    fontName=SANS_BOLD,
    fontSize=12,
    leading=16,
    spaceAfter=1,
    textColor=ACCENT,
)
_SUB = ParagraphStyle("bio-sub", parent=BODY, fontSize=9.5, leading=12.5, spaceAfter=1.5)
_NOTE = ParagraphStyle(
    "bio-note", parent=BODY, fontSize=8, leading=10, textColor=MUTED, spaceAfter=0
)


def biographies(people: Sequence[Biography]) -> list[Flowable]:
    """Each person as a block: the identity beside the photo, then history, contacts, text."""
    story: list[Flowable] = []
    for person in people:
        top: list[Flowable] = [_identity(person)]
        rest = [
            *bullets("Post history", person.post_history),
            *field("Languages", person.languages),
            *bullets("Previous contacts", person.previous_contacts),
            *field("Biography", person.biography),
        ]
        if person.source.strip():
            rest.append(Para(f"Source: {markup(person.source)}", SMALL))
        rest.append(Spacer(1, 4 * mm))
        # A person is read as a unit: moved whole to the next page unless taller than a page.
        story.append(KeepTogether([*top, *rest]))
    return story


def _identity(person: Biography) -> Flowable:
    text: list[Flowable] = [heading(person.name, _NAME, mark=person.portion_mark)]
    lines = [
        (person.original_script, ""),
        (person.pronunciation, "Pronounced: "),
        (person.form_of_address, "Address as: "),
        (person.current_post, ""),
    ]
    for value, prefix in lines:
        if value.strip():
            shown = markup(value, limit=HEADING_CHARS)
            text.append(Para(f"<font color='#555555'>{prefix}</font>{shown}", _SUB))
    photo = _photo(person.photo)
    width = max(PHOTO_W, photo.wrap(CONTENT_WIDTH, PHOTO_H)[0])
    table = Table(
        [[photo, text]],
        colWidths=[width + _GAP, CONTENT_WIDTH - width - _GAP],
        hAlign="LEFT",
    )
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
            ("TOPPADDING", (0, 0), (-1, 0), 5),
        ]
    )
    # Listed in the contents by the table: the document sees only top-level flowables.
    table.contents_entry = (1, markup(person.name, limit=HEADING_CHARS))
    return table


def _photo(photo: bytes | None) -> Flowable:
    """The photo at its own aspect ratio, as large as the frame allows (a portrait 38 mm
    high, a landscape up to 48 mm wide), or a framed box saying why there is none."""
    if photo is None:
        return _placeholder(NO_PHOTO)
    image = _decoded(photo)
    if image is None:
        return _placeholder(BAD_PHOTO)
    scale = min(PHOTO_MAX_W / image.width, PHOTO_H / image.height)
    return _Picture(ImageReader(image), image.width * scale, image.height * scale)


class _Picture(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """An already decoded image at a fixed size (platypus' Image wants a file name or stream)."""

    def __init__(self, image: ImageReader, width: float, height: float) -> None:
        super().__init__()
        self.image, self.width, self.height = image, width, height
        self.hAlign = "LEFT"

    def wrap(self, _width: float, _height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.image, 0, 0, self.width, self.height)
        self.canv.saveState()  # a hairline frame, so a pale photo keeps its edge on paper
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        self.canv.rect(0, 0, self.width, self.height)
        self.canv.restoreState()


def _decoded(photo: bytes) -> PILImage.Image | None:
    """The photo decoded and reduced for print, or None when it is not a readable image."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            opened = PILImage.open(io.BytesIO(photo))
            if opened.format not in {"JPEG", "PNG"} or opened.width * opened.height > _MAX_PIXELS:
                return None
            opened.load()
        image: PILImage.Image = opened
        # RGB drops alpha and palettes: one predictable image per photo, white behind it.
        if image.mode in {"RGBA", "LA", "P", "PA"}:
            rgba = image.convert("RGBA")
            image = PILImage.new("RGB", rgba.size, "white")
            image.paste(rgba, mask=rgba.getchannel("A"))
        elif image.mode != "RGB":
            image = image.convert("RGB")
        image.thumbnail(_PRINT_PX)
    except (OSError, ValueError, SyntaxError, EOFError, PILImage.DecompressionBombError):
        return None
    except PILImage.DecompressionBombWarning:  # raised as an error above
        return None
    return image


def _placeholder(text: str) -> Flowable:
    box = Table([[Para(text, _NOTE)]], colWidths=[PHOTO_W], rowHeights=[PHOTO_H])
    box.setStyle(
        [
            ("BOX", (0, 0), (-1, -1), 0.5, RULE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    box.hAlign = "LEFT"
    return box
