"""Generated documents: every PDF produced is kept with its hash, marking and inputs."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy.orm import Session

from bilatdesk.domain import GeneratedDocument


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
    """Add the document to the session; returns its SHA-256."""
    digest = hashlib.sha256(pdf).hexdigest()
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
