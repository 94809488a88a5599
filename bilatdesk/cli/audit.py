"""`bilatdesk audit`: the audit trail, all of it or one record's, as lines or JSON."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from bilatdesk.cli.common import CliError, open_existing


def audit(args: argparse.Namespace, out: TextIO) -> int:
    """Print the trail oldest first, read only (nothing is written, no lock is taken)."""
    from bilatdesk.services.audit.service import KINDS, AuditService

    kind: str | None = None
    record_id: int | None = None
    if args.record:
        kind, _, number = str(args.record).partition(":")
        if kind not in KINDS or not number.isdigit():
            raise CliError(
                f"--record takes KIND:ID, such as person:12; KIND is one of {', '.join(KINDS)}"
            )
        record_id = int(number)
    with open_existing(args, read_only=True) as db:
        rows = AuditService(db).entries(kind=kind, record_id=record_id, since=args.since)
    if args.json:
        json.dump([row.as_json() for row in rows], out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    for row in rows:
        record = f"{row.record_kind}:{row.record_id}" if row.record_kind else "database"
        print(f"{row.id:>6}  {record:<18} {row.describe()}", file=out)
    if not rows:
        print("No entries.", file=out)
    return 0
