"""Portrait photos: what normalise_photo makes is recognised, so it is not scaled twice."""

from __future__ import annotations

import io

from PIL import Image

from bilatdesk.exchange.photos import is_normalised, normalise_photo


def _image(kind: str, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind)
    return out.getvalue()


def test_a_normalised_photo_is_recognised_and_nothing_else() -> None:
    """normalise_photo's JPEG passes; a PNG, a large JPEG, a cut one or noise does not."""
    stored, _media_type = normalise_photo(_image("PNG", (900, 1200)))
    assert is_normalised(stored)
    assert not is_normalised(_image("PNG", (300, 400)))
    assert not is_normalised(_image("JPEG", (601, 300)))
    assert not is_normalised(stored[: len(stored) // 2])
    assert not is_normalised(b"")
    assert not is_normalised(b"\xff\xd8\xff" + b"\0" * 100)
