"""Attached files: refused when too big before being read, stored once by SHA-256."""

from __future__ import annotations

import builtins
import hashlib
import mimetypes
from pathlib import Path

from sqlalchemy import select

from bilatdesk.domain import DEFAULT_SCHEME, Attachment, Blob, ClassificationScheme
from bilatdesk.domain.files import safe_file_name
from bilatdesk.services.agreements.records import AttachmentView
from bilatdesk.services.kernel.errors import NotFoundError, ValidationError
from bilatdesk.services.kernel.files import write_atomically
from bilatdesk.services.kernel.validation import Checker
from bilatdesk.store.database import Database

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
CHUNK = 1024 * 1024


class AttachmentStore:
    def __init__(self, database: Database, scheme: ClassificationScheme = DEFAULT_SCHEME) -> None:
        self.db = database
        self.scheme = scheme

    def add(
        self,
        owner_table: str,
        owner_id: int,
        path: Path,
        *,
        classification: str = "U",
        description: str = "",
        max_bytes: int = MAX_ATTACHMENT_BYTES,
    ) -> AttachmentView:
        """Attach a file. A file over the limit is refused from its size alone, unread."""
        check = Checker()
        level = check.classification("classification", self.scheme, classification)
        note = check.text("description", "Description", description, max_length=500)
        check.raise_if_any()
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ValidationError({"file": f"Cannot read {path.name}: {exc.strerror}."}) from exc
        if not path.is_file():
            raise ValidationError({"file": f"{path.name} is not a file."})
        if size > max_bytes:
            raise ValidationError(
                {
                    "file": (
                        f"{path.name} is {size / 1_048_576:,.1f} MB; attachments are at most "
                        f"{max_bytes / 1_048_576:,.0f} MB. Attach a smaller copy or a link."
                    )
                }
            )
        content, digest = _read_checked(path, max_bytes)
        name = safe_file_name(path.name)
        media = mimetypes.guess_type(name)[0] or "application/octet-stream"
        with self.db.session() as session:
            if session.get(Blob, digest) is None:  # the same text attached twice is kept once
                session.add(Blob(sha256=digest, size=len(content), content=content))
                session.flush()  # the blob row first: nothing else orders the two inserts
            attachment = Attachment(
                owner_table=owner_table,
                owner_id=owner_id,
                file_name=name,
                media_type=media,
                sha256=digest,
                size=len(content),
                classification=level,
                description=note,
            )
            session.add(attachment)
            session.flush()
            return _view(attachment)

    def list(self, owner_table: str, owner_id: int) -> builtins.list[AttachmentView]:
        with self.db.read() as session:
            return [
                _view(a)
                for a in session.scalars(
                    select(Attachment)
                    .where(Attachment.owner_table == owner_table, Attachment.owner_id == owner_id)
                    .order_by(Attachment.id)
                )
            ]

    def content(self, attachment_id: int) -> bytes:
        with self.db.read() as session:
            attachment = session.get(Attachment, attachment_id)
            if attachment is None:
                raise NotFoundError("That attachment no longer exists.")
            blob = session.scalar(select(Blob.content).where(Blob.sha256 == attachment.sha256))
            if blob is None or hashlib.sha256(blob).hexdigest() != attachment.sha256:
                raise NotFoundError(f"The stored copy of {attachment.file_name} is damaged.")
            return blob

    def export(self, attachment_id: int, folder: Path) -> Path:
        """Write the file into `folder` under its safe name; never anywhere else."""
        with self.db.read() as session:
            attachment = session.get(Attachment, attachment_id)
            if attachment is None:
                raise NotFoundError("That attachment no longer exists.")
            name = safe_file_name(attachment.file_name)
        target = (folder / name).resolve()
        if target.parent != folder.resolve():
            raise ValidationError({"file": "That file name would leave the chosen folder."})
        write_atomically(target, self.content(attachment_id))
        return target

    def remove(self, attachment_id: int) -> None:
        """Detach a file; its content goes too once nothing else attaches it."""
        with self.db.session() as session:
            attachment = session.get(Attachment, attachment_id)
            if attachment is None:
                raise NotFoundError("That attachment no longer exists.")
            digest = attachment.sha256
            session.delete(attachment)
            session.flush()
            still = session.scalar(select(Attachment.id).where(Attachment.sha256 == digest))
            if still is None:
                blob = session.get(Blob, digest)
                if blob is not None:
                    session.delete(blob)


def _read_checked(path: Path, max_bytes: int) -> tuple[bytes, str]:
    """Read in chunks, stopping at the limit even if the file grew after its size was read."""
    digest = hashlib.sha256()
    parts: list[bytes] = []
    total = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            total += len(chunk)
            if total > max_bytes:
                raise ValidationError({"file": f"{path.name} grew past the limit while reading."})
            digest.update(chunk)
            parts.append(chunk)
    return b"".join(parts), digest.hexdigest()


def _view(a: Attachment) -> AttachmentView:
    return AttachmentView(
        a.id,
        a.file_name,
        a.media_type,
        a.size,
        a.sha256,
        a.classification,
        a.description,
        a.added_at,
    )
