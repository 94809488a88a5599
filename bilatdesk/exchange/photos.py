"""Portrait photos: checked, scaled and size-capped before they are stored."""

from __future__ import annotations

import io
import warnings

from bilatdesk.domain.errors import ValidationError

# A phone photo of 20 MB is refused before decoding; what is kept fits a brief's portrait.
MAX_INPUT_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # decompression-bomb guard: a tiny file claiming a huge canvas
MAX_SIDE = 600
MAX_STORED_BYTES = 200 * 1024
ACCEPTED = {"JPEG", "PNG"}


class PhotoError(ValidationError):
    """A photo that cannot be used, with the sentence saying why."""

    def __init__(self, message: str) -> None:
        super().__init__({"photo": message})


def normalise_photo(data: bytes) -> tuple[bytes, str]:
    """The photo as a JPEG of at most MAX_SIDE pixels a side and MAX_STORED_BYTES, and its type.

    Raises PhotoError for anything that is not a readable JPEG or PNG within the limits.
    """
    # Pillow loads with the first photo, not with the people's service (the window's lists).
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > MAX_INPUT_BYTES:
        raise PhotoError(
            f"The photo is {len(data) / 1048576:.1f} MB; choose one under "
            f"{MAX_INPUT_BYTES // 1048576} MB."
        )
    if not data:
        raise PhotoError("The photo is empty.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
            if opened.format not in ACCEPTED:
                raise PhotoError("Only JPEG and PNG photos can be used.")
            if opened.width * opened.height > MAX_PIXELS:
                raise PhotoError("The photo is too large in pixels; scale it down first.")
            opened.load()
    except PhotoError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
        SyntaxError,
    ) as exc:
        raise PhotoError("The photo could not be read; it may be damaged or not an image.") from exc
    image: Image.Image = ImageOps.exif_transpose(opened)
    if image.mode not in ("RGB", "L"):
        # Transparent PNGs go onto white, as they would print.
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    for quality in (85, 75, 65, 50, 35):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality, optimize=True)
        if out.tell() <= MAX_STORED_BYTES:
            return out.getvalue(), "image/jpeg"
    image.thumbnail((MAX_SIDE // 2, MAX_SIDE // 2), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=50, optimize=True)
    return out.getvalue(), "image/jpeg"


def is_normalised(data: bytes) -> bool:
    """True for what normalise_photo makes (a JPEG within the side and size limits): a photo
    checked when chosen is stored as it is, not scaled and compressed a second time."""
    if not data or len(data) > MAX_STORED_BYTES:
        return False
    from PIL import Image, UnidentifiedImageError  # loaded with the first photo (start-up)

    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.format != "JPEG" or max(opened.size) > MAX_SIDE:
                return False
            opened.load()  # a few milliseconds at this size; a truncated file fails here
            return True
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return False
