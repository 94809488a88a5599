"""Pure rules for files: a name that can never point outside the folder it is written to."""

from __future__ import annotations

import unicodedata

MAX_NAME_BYTES = 255
# Windows device names are reserved whatever the extension: CON.txt opens the console.
RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
FORBIDDEN = set('<>:"/\\|?*')


def safe_file_name(name: str, fallback: str = "attachment") -> str:
    """The last path component of `name`, cleaned so that it is only ever a plain file name.

    Folders (`../../x`, `C:\\x`, `/etc/x`) are dropped, control characters and characters
    that Windows forbids are removed, reserved device names are prefixed, and the name is cut
    to 255 bytes of UTF-8 keeping its extension.
    """
    base = name.replace("\\", "/").split("/")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(
        ch for ch in base if ch not in FORBIDDEN and not unicodedata.category(ch).startswith("C")
    )
    base = base.strip(" .")
    if not base:
        return fallback
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    if stem.split(".")[0].upper() in RESERVED:
        stem = f"_{stem}"
    suffix = f".{extension}" if extension else ""
    if len(suffix.encode()) > 32:  # an absurd "extension" is part of the name
        stem, suffix = f"{stem}{suffix}", ""
    while len(f"{stem}{suffix}".encode()) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return f"{stem}{suffix}".strip(" .") or fallback
