"""`bilatdesk demo --out PATH` and `bilatdesk check`: write the demo database, check one."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from bilatdesk.cli.common import open_existing


def demo(args: argparse.Namespace, out: TextIO) -> int:
    """Write the demo database (with N synthetic engagements on --scale N)."""
    from bilatdesk.demo.database import build_demo

    def report(done: int, total: int) -> None:
        print(f"\r{done:,} of {total:,} engagements", end="", file=sys.stderr, flush=True)

    build_demo(
        args.out, scale=args.scale, force=args.force, progress=report if args.scale else None
    )
    if args.scale:
        print(file=sys.stderr)
    print(f"Demo database written to {args.out}", file=out)
    return 0


def check(args: argparse.Namespace, out: TextIO) -> int:
    """Print integrity and schema state; exit 0 only when the database is healthy."""
    with open_existing(args) as db:
        report = db.check()
    print(f"database:  {db.display_location}", file=out)
    print(f"integrity: {report.integrity}", file=out)
    print(f"schema:    {report.revision} (expected {report.expected_revision})", file=out)
    print(f"audit:     {report.audit}", file=out)
    print("healthy" if report.healthy else "NOT healthy", file=out)
    return 0 if report.healthy else 1
