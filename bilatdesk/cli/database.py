"""`bilatdesk demo --out PATH` and `bilatdesk check`: write the demo database, check one."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from bilatdesk.cli.common import ask_passphrase, open_existing


def demo(args: argparse.Namespace, out: TextIO) -> int:
    """Write the demo database (with N synthetic engagements on --scale N)."""
    from bilatdesk.demo.database import build_demo

    def report(done: int, total: int) -> None:
        print(f"\r{done:,} of {total:,} engagements", end="", file=sys.stderr, flush=True)

    passphrase = ask_passphrase(args.out.name, twice=True) if args.encrypt else None
    build_demo(
        args.out,
        scale=args.scale,
        force=args.force,
        progress=report if args.scale else None,
        passphrase=passphrase,
    )
    if args.scale:
        print(file=sys.stderr)
    encrypted = " (encrypted)" if args.encrypt else ""
    print(f"Demo database written to {args.out}{encrypted}", file=out)
    return 0


def check(args: argparse.Namespace, out: TextIO) -> int:
    """Print integrity and schema state; exit 0 only when the database is healthy."""
    args.any_schema = True  # an older file is reported as such, never migrated by a check
    with open_existing(args, read_only=True) as db:
        report = db.check()
    print(f"database:  {db.display_location}", file=out)
    print(f"integrity: {report.integrity}", file=out)
    print(f"schema:    {report.revision} (expected {report.expected_revision})", file=out)
    print(f"audit:     {report.audit}", file=out)
    for fault in report.documents:
        print(f"documents: {fault}", file=out)
    if not report.documents:
        print("documents: every kept document matches its fingerprint", file=out)
    print("healthy" if report.healthy else "NOT healthy", file=out)
    return 0 if report.healthy else 1
