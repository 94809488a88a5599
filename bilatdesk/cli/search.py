"""`bilatdesk search QUERY`: the window's global search, as text or JSON rows."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from bilatdesk.cli.common import CliError, country_id_for, open_services


def search(args: argparse.Namespace, out: TextIO) -> int:
    """Print each kind's hits (title, date and snippet), or one JSON list of rows with kind,
    id, uid, title and snippet. Exit status 1 when nothing matches, as grep does."""
    from bilatdesk.services.search.records import SearchQuery

    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    with open_services(args, read_only=True) as services:
        query = SearchQuery(
            args.query,
            kinds=(args.kind,) if args.kind else (),
            country_id=country_id_for(services, args.country),
            limit=args.limit,
        )
        results = services.search.search(query)
    if args.json:
        rows = [
            {
                "kind": hit.kind,
                "id": hit.id,
                "uid": str(hit.uid) if hit.uid else None,
                "title": hit.title,
                "snippet": hit.snippet,
                "date": hit.when.isoformat() if hit.when else None,
                "classification": hit.classification,
            }
            for hit in results.hits
        ]
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0 if rows else 1
    if not results.groups:
        out.write(f"No records match “{_line(args.query)}”.\n")
        return 1
    for group in results.groups:
        more = "" if group.total_exact else "+"
        out.write(f"{group.label} ({group.total:,}{more})\n")
        for hit in group.hits:
            when = hit.when.isoformat() if hit.when else "          "
            line = f"  {when}  {_line(hit.title)}"
            if hit.snippet:
                line += f" — {_line(hit.snippet)}"
            out.write(line + "\n")
    return 0


def _line(text: str) -> str:
    """One printable line whatever a record holds."""
    return "".join(c if c.isprintable() else " " for c in text)
