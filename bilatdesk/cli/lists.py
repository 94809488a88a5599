"""`bilatdesk list KIND [--country CODE] [--filter TEXT] [--limit N] [--json]`: records, paged."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TextIO

from bilatdesk.cli.common import as_dict, country_id_for, open_services, write_json

if TYPE_CHECKING:
    from bilatdesk.services.catalog import Services
    from bilatdesk.services.kernel.listing import ListQuery, Page


def list_records(args: argparse.Namespace, out: TextIO) -> int:
    """Print every record of a kind (or the first N), a tab-separated line each or JSON."""
    from bilatdesk.services.kernel.listing import ListQuery

    with open_services(args, read_only=True) as services:
        country_id = country_id_for(services, args.country)
        lister = _listers(services)[args.kind]
        query = ListQuery(text=args.filter, country_id=country_id)
        records = _all_rows(lister, query, args.limit)
        if args.json:
            write_json(records, out)
        else:
            _write_table(records, out)
    return 0


def _listers(services: Services) -> dict[str, Callable[[ListQuery], Page[Any]]]:
    return {
        "countries": services.countries.list,
        "people": services.people.list,
        "organisations": services.organisations.list,
        "engagements": services.engagements.list,
        "cables": services.cables.list,
        "agreements": services.agreements.list,
        "visits": services.visits.list,
        "commitments": services.commitments.list,
    }


def _all_rows(
    lister: Callable[[ListQuery], Page[Any]], query: ListQuery, limit: int
) -> Iterator[Any]:
    emitted = 0
    while True:
        page = lister(query)
        for row in page.rows:
            yield row
            emitted += 1
            if limit and emitted >= limit:
                return
        if page.next_cursor is None:
            return
        query = replace(query, after=page.next_cursor)


def _write_table(records: Iterator[Any], out: TextIO) -> None:
    for row in records:
        values = as_dict(row)
        values.pop("uid", None)
        cells = []
        for value in values.values():
            cells.append("; ".join(map(str, value)) if isinstance(value, list) else str(value))
        out.write("\t".join(cells) + "\n")
