"""Reading a rendered PDF back for tests: page text, and text runs with position, font and size."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, PdfObject


@dataclass(frozen=True)
class Run:
    """One piece of text as drawn: baseline height above the page bottom, font, size."""

    text: str
    y: float
    font: str
    size: float


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def page_runs(pdf: bytes) -> list[list[Run]]:
    """Every page's text runs, in drawing order."""
    pages: list[list[Run]] = []
    for page in reader(pdf).pages:
        runs: list[Run] = []

        # pypdf calls the visitor with five positional arguments.
        def visit(  # noqa: PLR0917
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: float,
            runs: list[Run] = runs,
        ) -> None:
            if text.strip():
                name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
                runs.append(Run(text.strip(), cm[5] + tm[5] * cm[3], name, size))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def _dictionary(obj: object) -> DictionaryObject:
    resolved = obj.get_object() if isinstance(obj, PdfObject) else obj
    assert isinstance(resolved, DictionaryObject), resolved
    return resolved


def fonts(pdf: bytes) -> dict[str, DictionaryObject]:
    """Every font the pages use, by base name (subset prefix removed), as its descriptor."""
    found: dict[str, DictionaryObject] = {}
    for page in reader(pdf).pages:
        resources = _dictionary(page["/Resources"])
        for ref in _dictionary(resources.get("/Font", DictionaryObject())).values():
            font = _dictionary(ref)
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            found[name] = _dictionary(font["/FontDescriptor"])
    return found


def has_image(pdf: bytes) -> bool:
    """Whether any page draws an XObject or any object in the file is an image."""
    for page in reader(pdf).pages:
        if _dictionary(page["/Resources"]).get("/XObject"):
            return True
    # reportlab writes dictionaries uncompressed, so an image's would show in the raw bytes.
    return re.search(rb"/Subtype\s*/Image\b", pdf) is not None
