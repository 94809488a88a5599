"""Global search: every kind of record for one query, grouped, ranked when few, newest when many.

A kind with few hits (SMALL) is read whole and ranked in Python (title hits first, then the
newest), the same way on both backends; a kind with many is read in date order through the
same filter the list pages use, so a common term costs a page, not a million rows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, Date, select
from sqlalchemy.orm import Session

from bilatdesk.domain import DEFAULT_SCHEME, ClassificationScheme, Setting
from bilatdesk.domain.base import Base
from bilatdesk.services.kernel.errors import ValidationError
from bilatdesk.services.kernel.listing import tag_clauses
from bilatdesk.services.search.kinds import KIND_SPECS, Kind, attachment_clause
from bilatdesk.services.search.records import (
    KIND_LABELS,
    KINDS,
    SCREEN_CEILING_KEY,
    SearchGroup,
    SearchHit,
    SearchQuery,
    SearchResults,
    relevance,
    snippet_of,
)
from bilatdesk.store.database import Database
from bilatdesk.store.search import HitCount, filter_clause, hit_count, match_clause, terms

SMALL = 500
"""A kind with at most this many hits is ranked by relevance; beyond, newest first.
(Below the store's SMALL_HIT_SET, so the count it shows is exact.)"""
MAX_LIMIT = 500


class SearchService:
    """One query over people, organisations, engagements, commitments, cables, agreements,
    visits and attachments' names, never showing a record above the screen ceiling."""

    def __init__(self, database: Database, scheme: ClassificationScheme = DEFAULT_SCHEME) -> None:
        self.db = database
        self.scheme = scheme

    # -- the screen ceiling -----------------------------------------------------------------
    def screen_ceiling(self) -> str:
        """The highest classification shown on screen (the scheme's highest unless set)."""
        with self.db.read() as session:
            return self._ceiling(session)

    def set_screen_ceiling(self, code: str) -> str:
        if code not in self.scheme.codes:
            raise ValidationError({"ceiling": f"'{code}' is not a classification of this scheme."})
        with self.db.session() as session:
            setting = session.get(Setting, SCREEN_CEILING_KEY)
            if setting is None:
                session.add(Setting(key=SCREEN_CEILING_KEY, value=code))
            else:
                setting.value = code
        return code

    def _ceiling(self, session: Session) -> str:
        stored = session.scalar(select(Setting.value).where(Setting.key == SCREEN_CEILING_KEY))
        return stored if stored in self.scheme.codes else self.scheme.codes[-1]

    # -- searching --------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResults:
        """Each wanted kind's hits (kinds without any left out), in the order of KINDS."""
        found = terms(query.text)
        if not found:
            return SearchResults(())
        limit = max(1, min(query.limit, MAX_LIMIT))
        groups: list[SearchGroup] = []
        with self.db.read() as session:
            shown = self.scheme.at_or_below(self._ceiling(session))
            for name in KINDS:
                if query.kinds and name not in query.kinds:
                    continue
                group = self._group(session, KIND_SPECS[name], query, shown, limit)
                if group is not None:
                    groups.append(group)
        return SearchResults(tuple(groups), tuple(found))

    def _group(
        self,
        session: Session,
        kind: Kind,
        query: SearchQuery,
        shown: tuple[str, ...],
        limit: int,
    ) -> SearchGroup | None:
        scope = self._scope(kind, query, shown)
        if scope is None:
            return None
        table = Base.metadata.tables[kind.name]
        if kind.indexed:
            counted = hit_count(session, kind.name, query.text)
            if counted.count == 0:
                return None
        else:
            counted = HitCount(0, True, 0.0)  # attachments: few, always read whole
        statement = kind.statement().where(*scope)
        if counted.count <= SMALL:
            if kind.indexed:
                clause = match_clause(table, query.text, session.get_bind().dialect.name)
            else:
                clause = attachment_clause(query.text)
            assert clause is not None
            rows = list(session.execute(statement.where(clause)))
            more = kind.more(session, [row.id for row in rows]) if kind.more else {}
            hits = [self._hit(kind, row, query.text, more) for row in rows]
            hits.sort(key=lambda h: (relevance(h.title, query.text), _key(h.when), h.id))
            hits.reverse()
            if not hits:
                return None
            return SearchGroup(kind.name, KIND_LABELS[kind.name], tuple(hits[:limit]), len(hits))
        clause = filter_clause(session, table, query.text, counted)
        assert clause is not None
        statement = statement.where(clause).order_by(kind.when.desc(), table.c.id.desc())
        rows = list(session.execute(statement.limit(limit)))
        if not rows:
            return None
        more = kind.more(session, [row.id for row in rows]) if kind.more else {}
        filtered = len(shown) < len(self.scheme.codes) or _narrowed(query)
        return SearchGroup(
            kind.name,
            KIND_LABELS[kind.name],
            tuple(self._hit(kind, row, query.text, more) for row in rows),
            counted.count,
            total_exact=counted.exact and not filtered,
        )

    def _scope(
        self, kind: Kind, query: SearchQuery, shown: tuple[str, ...]
    ) -> list[ColumnElement[bool]] | None:
        """The filters of the query for this kind, or None when the kind cannot match them."""
        table = Base.metadata.tables["attachment" if not kind.indexed else kind.name]
        clauses: list[ColumnElement[bool]] = []
        classification = table.c.get("classification")
        if classification is not None and shown:
            clauses.append(classification.in_(shown))
        if query.classification:
            if classification is None:
                if query.classification != self.scheme.codes[0]:
                    return None
            else:
                clauses.append(classification == query.classification)
        if query.country_id is not None:
            if kind.country is None:
                return None
            clauses.append(kind.country == query.country_id)
        if query.tag_id is not None:
            if not kind.tagged:
                return None
            clauses.extend(tag_clauses(table, [query.tag_id]))
        if query.date_from is not None:
            clauses.append(kind.when >= _bound(kind, query.date_from, start=True))
        if query.date_to is not None:
            clauses.append(kind.when <= _bound(kind, query.date_to, start=False))
        return clauses

    @staticmethod
    def _hit(kind: Kind, row: Any, query: str, more: dict[int, str]) -> SearchHit:
        title = kind.title(row) or "(untitled)"
        when = row.when if kind.dated else None
        detail = " · ".join(part for part in (more.get(row.id, ""), kind.detail(row)) if part)
        owner = (row.owner_table, row.owner_id) if kind.name == "attachment" else None
        return SearchHit(
            kind=kind.name,
            id=row.id,
            uid=row.uid,
            title=title,
            snippet=snippet_of(detail, query),
            when=when.date() if isinstance(when, datetime) else when,
            classification=row.classification,
            owner=owner,
        )


def _key(when: date | None) -> date:
    return when or date.min


def _narrowed(query: SearchQuery) -> bool:
    """Whether a filter other than the kinds narrows the query (counts are then "at most")."""
    return any(
        value is not None
        for value in (
            query.country_id,
            query.tag_id,
            query.date_from,
            query.date_to,
            query.classification,
        )
    )


def _bound(kind: Kind, day: date, *, start: bool) -> date | datetime:
    """A day as the bound of the kind's date column: a date, or its first or last moment."""
    if isinstance(kind.when.type, Date):
        return day
    return datetime.combine(day, time.min if start else time.max).replace(tzinfo=UTC)
