"""`check`'s look at kept documents: every one hashed against its SHA-256, one row at a time.

The triggers of migration 0006 refuse rewriting a kept document, but a file edited outside the
program (or a database without those triggers) could still hold other bytes: only hashing them
tells. Rows are streamed, so a database with thousands of briefs is checked in constant memory.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlalchemy.engine import Connection

_BATCH = 50

_DOCUMENTS = text(
    "SELECT id, kind, title, sha256, content FROM generated_document ORDER BY id"
).execution_options(yield_per=_BATCH)

# SQLite keeps a Uuid as 32 hex digits, PostgreSQL as a uuid: compare both as dashless text.
_UNKEPT = text(
    "SELECT serial FROM cable WHERE status = 'dispatched' AND NOT EXISTS ("
    "SELECT 1 FROM generated_document d WHERE d.kind = 'cable' "
    "AND lower(replace(d.source_uid, '-', '')) = lower(replace(CAST(cable.uid AS TEXT), '-', '')))"
    " ORDER BY serial_year, serial_number"
)


def document_faults(connection: Connection) -> list[str]:
    """A sentence for each kept document whose bytes do not hash to its stored SHA-256, and for
    each dispatched cable whose kept PDF is gone; empty when all is well."""
    faults = []
    for row in connection.execute(_DOCUMENTS):
        if hashlib.sha256(bytes(row.content)).hexdigest() != row.sha256:
            faults.append(
                f"the kept {row.kind} “{row.title}” (document {row.id}) does not match its "
                "fingerprint"
            )
    for serial in connection.execute(_UNKEPT).scalars():
        faults.append(f"the kept PDF of {serial} is missing")
    return faults
