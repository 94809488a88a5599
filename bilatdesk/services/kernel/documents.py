"""Generated documents: every PDF produced is kept with its hash, marking and inputs, checked
against that hash whenever it is read, and issued to a file whole or not at all, by every face
(the window and the command line)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilatdesk.domain import GeneratedDocument
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.kernel.files import write_atomically


class DocumentNotWrittenError(ServiceError):
    """The file could not be written (a full disk, no permission); any old file is intact."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path} could not be written ({reason}). Choose another folder.")


class AlteredDocumentError(ServiceError):
    """A kept document's bytes no longer match the SHA-256 stored when it was kept."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} does not match its fingerprint; it may have been altered. Run bilatdesk check."
        )


def verified(content: bytes, sha256: str, what: str) -> bytes:
    """The kept bytes, only when they hash to the stored SHA-256; `what` names the document
    in the refusal ("The kept PDF of VIE 2026/017")."""
    if hashlib.sha256(content).hexdigest() != sha256:
        raise AlteredDocumentError(what)
    return content


def rendered_with_notices(render: Callable[[], bytes]) -> tuple[bytes, tuple[str, ...]]:
    """A document rendered, and a sentence for each character no shipped font draws (printed
    as its bracketed name), for the build report."""
    from bilatdesk.reports.fonts import missing_characters

    with missing_characters() as missing:
        pdf = render()
    notices = (f"No font has the character {name[1:-1]}; it prints as {name}." for name in missing)
    return pdf, tuple(sorted(notices))


def issue_to_file(path: Path, document: bytes) -> None:
    """Write an issued document (a cable, a brief, a register, a list) to `path` atomically.

    Written beside the target and renamed over it, so a failure leaves the old file (or none),
    never half a new one; the failure is a sentence naming the file and why.
    """
    try:
        write_atomically(path, document)
    except OSError as exc:
        raise DocumentNotWrittenError(path, exc.strerror or str(exc)) from exc


def keep_generated(
    session: Session,
    *,
    kind: str,
    source_uid: str,
    title: str,
    classification: str,
    pdf: bytes,
    inputs: dict[str, Any],
) -> str:
    """Add the document to the session; returns its SHA-256.

    The same bytes from the same source are kept once: printing a brief twice without a change
    reuses the row already kept.
    """
    digest = hashlib.sha256(pdf).hexdigest()
    kept = session.scalar(
        select(GeneratedDocument.id).where(
            GeneratedDocument.kind == kind,
            GeneratedDocument.source_uid == source_uid,
            GeneratedDocument.sha256 == digest,
        )
    )
    if kept is not None:
        return digest
    session.add(
        GeneratedDocument(
            kind=kind,
            source_uid=source_uid,
            title=title[:500],
            classification=classification,
            sha256=digest,
            size=len(pdf),
            inputs=json.dumps(inputs),
            content=pdf,
        )
    )
    return digest
