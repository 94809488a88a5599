"""Posts over time: who held an office on a day, succession, and an organisation's chart."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Row, func, or_, select
from sqlalchemy.orm import Session, selectinload

from bilatdesk.domain import Membership, Organisation, OrganisationKind, Person, Post
from bilatdesk.domain.base import utcnow
from bilatdesk.domain.person import person_name
from bilatdesk.domain.text import fold
from bilatdesk.services.kernel.errors import NotFoundError, ValidationError
from bilatdesk.services.kernel.listing import Choice
from bilatdesk.services.kernel.validation import Checker
from bilatdesk.services.people.service import MembershipView, membership_view
from bilatdesk.store.database import Database


@dataclass(frozen=True)
class PostHolder:
    """One person holding one post, with the dates of that membership."""

    membership_id: int
    person_id: int
    name: str
    post_title: str
    organisation: str
    start_date: date | None
    end_date: date | None
    acting: bool
    note: str


@dataclass(frozen=True)
class PostHolding:
    """A post of an organisation and who held it on the day asked ("Name (acting)")."""

    post_id: int
    title: str
    holders: tuple[str, ...]


@dataclass(frozen=True)
class OrgNode:
    """An organisation in a chart, with its posts and its units beneath it."""

    id: int
    name: str
    kind: OrganisationKind
    posts: tuple[PostHolding, ...]
    children: tuple[OrgNode, ...]


def _held_on(day: date) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """Membership rows in force on a day (both ends inclusive, open ends unbounded)."""
    return (
        or_(Membership.start_date.is_(None), Membership.start_date <= day),
        or_(Membership.end_date.is_(None), Membership.end_date >= day),
    )


class PostService:
    def __init__(self, database: Database) -> None:
        self.db = database

    # -- who held it ------------------------------------------------------------------------
    def holders(self, post_title: str, country_id: int | None, on: date) -> list[PostHolder]:
        """Who held the post on that day in that country, earliest appointed first.

        The title is compared folded (case and accents aside). An exact title wins; failing
        one, every post whose title contains the words asked for ("foreign affairs").
        A post's country is its organisation's; for a post without one, the holder's.
        """
        query = " ".join(fold(post_title).split())
        if not query:
            raise ValidationError({"post_title": "Give the title of a post, e.g. Minister."})
        # The country a post belongs to: its organisation's, else the holder's.
        place = func.coalesce(Organisation.country_id, Person.country_id)
        base = (
            select(Post.id, Post.title)
            .join(Membership, Membership.post_id == Post.id)
            .join(Person, Person.id == Membership.person_id)
            .outerjoin(Organisation, Organisation.id == Post.organisation_id)
        )
        if country_id is not None:
            base = base.where(place == country_id)
        with self.db.read() as session:
            titles = {row.id: row.title for row in session.execute(base.distinct())}
            folded = {post_id: " ".join(fold(t).split()) for post_id, t in titles.items()}
            chosen = [post_id for post_id, t in folded.items() if t == query] or [
                post_id for post_id, t in folded.items() if query in t
            ]
            if not chosen:
                return []
            statement = (
                select(
                    Membership.id,
                    Membership.person_id,
                    Person.given_name,
                    Person.family_name,
                    Person.name_original,
                    Person.other_names,
                    Person.name_order,
                    Person.name_shown,
                    Post.title,
                    func.coalesce(Organisation.name, "").label("organisation"),
                    Membership.start_date,
                    Membership.end_date,
                    Membership.acting,
                    Membership.note,
                )
                .join(Post, Post.id == Membership.post_id)
                .join(Person, Person.id == Membership.person_id)
                .outerjoin(Organisation, Organisation.id == Post.organisation_id)
                .where(Membership.post_id.in_(chosen), *_held_on(on))
            )
            if country_id is not None:
                statement = statement.where(place == country_id)
            rows = session.execute(statement).all()
        holders = [
            PostHolder(
                r.id,
                r.person_id,
                person_name(r),
                r.title,
                r.organisation,
                r.start_date,
                r.end_date,
                r.acting,
                r.note,
            )
            for r in rows
        ]
        holders.sort(key=lambda h: (h.start_date or date.min, fold(h.name), h.membership_id))
        return holders

    def timeline(self, person_id: int, *, today: date | None = None) -> list[MembershipView]:
        """Every post a person held, newest first (undated ones last), acting ones flagged."""
        today = today or date.today()
        with self.db.read() as session:
            person = session.get(
                Person,
                person_id,
                options=[
                    selectinload(Person.memberships)
                    .selectinload(Membership.post)
                    .selectinload(Post.organisation)
                ],
            )
            if person is None:
                raise NotFoundError("That person no longer exists; they may have been deleted.")
            views = [membership_view(m, today) for m in person.memberships]
        views.sort(key=lambda v: (v.start_date or date.min, v.id), reverse=True)
        return views

    # -- succession -------------------------------------------------------------------------
    def appoint_successor(
        self,
        membership_id: int,
        successor_person_id: int,
        start_date: date,
        acting: bool = False,
        note: str = "",
    ) -> PostHolder:
        """End a membership the day before `start_date` and give the post to the successor.

        Both happen in one transaction, or neither does.
        """
        check = Checker()
        clean_note = check.text("note", "Note", note)
        with self.db.session() as session:
            current = session.get(
                Membership,
                membership_id,
                options=[selectinload(Membership.post).selectinload(Post.organisation)],
            )
            if current is None:
                raise NotFoundError("That post held no longer exists; it may have been removed.")
            title = current.post.title
            successor = session.get(Person, successor_person_id)
            if successor is None:
                check.fail("successor_person_id", "The successor no longer exists.")
            elif successor_person_id == current.person_id:
                check.fail(
                    "successor_person_id",
                    f"{successor.display_name} already holds the post '{title}'; "
                    "choose someone else as successor.",
                )
            if current.start_date is not None and start_date <= current.start_date:
                check.fail(
                    "start_date",
                    f"The successor must start after {current.start_date:%d %B %Y}, "
                    f"when the present holder took up the post '{title}'.",
                )
            last_day = start_date - timedelta(days=1)
            # An exact handover (ended the day before) is fine; a gap is not a succession.
            if current.end_date is not None and current.end_date < last_day:
                check.fail(
                    "start_date",
                    f"The present holder left the post '{title}' on "
                    f"{current.end_date:%d %B %Y}, before {start_date:%d %B %Y}; add the "
                    "successor's post on their own record instead.",
                )
            if successor is not None and self._holds(
                session, successor_person_id, current.post_id, start_date
            ):
                check.fail(
                    "successor_person_id",
                    f"{successor.display_name} already holds the post '{title}' on "
                    f"{start_date:%d %B %Y}.",
                )
            check.raise_if_any()
            assert successor is not None
            predecessor = session.get(Person, current.person_id)
            current.end_date = last_day
            appointed = Membership(
                person_id=successor_person_id,
                post_id=current.post_id,
                start_date=start_date,
                acting=acting,
                note=clean_note,
            )
            session.add(appointed)
            # Both people's records move on a version, so a form opened before the handover
            # cannot save its stale list of posts over it.
            for person in (predecessor, successor):
                if person is not None:
                    person.updated_at = utcnow()
            session.flush()
            organisation = current.post.organisation
            return PostHolder(
                appointed.id,
                successor_person_id,
                successor.display_name,
                title,
                organisation.name if organisation else "",
                appointed.start_date,
                appointed.end_date,
                appointed.acting,
                appointed.note,
            )

    @staticmethod
    def _holds(session: Session, person_id: int, post_id: int, day: date) -> bool:
        statement = select(Membership.id).where(
            Membership.person_id == person_id, Membership.post_id == post_id, *_held_on(day)
        )
        return session.execute(statement.limit(1)).first() is not None

    # -- organisation chart -----------------------------------------------------------------
    def organisation_tree(
        self, organisation_id: int, on: date
    ) -> tuple[tuple[Choice, ...], OrgNode]:
        """The organisation's parents (top first) and its subtree with each post's holders.

        The country's organisations are read once and the tree is built in memory, so the
        number of queries does not grow with the size of the tree; cycles are cut.
        """
        with self.db.read() as session:
            root = session.get(Organisation, organisation_id)
            if root is None:
                raise NotFoundError("That organisation no longer exists; it may have been deleted.")
            rows = {
                r.id: r
                for r in session.execute(
                    select(
                        Organisation.id,
                        Organisation.name,
                        Organisation.kind,
                        Organisation.parent_id,
                        Organisation.sort_name,
                    ).where(
                        Organisation.country_id.is_(None)
                        if root.country_id is None
                        else Organisation.country_id == root.country_id
                    )
                )
            }
            ancestors = self._ancestors(session, rows, organisation_id)
            children: dict[int, list[int]] = defaultdict(list)
            for row in sorted(rows.values(), key=lambda r: (r.sort_name, r.id)):
                if row.parent_id is not None:
                    children[row.parent_id].append(row.id)
            subtree: list[int] = []
            seen: set[int] = set()
            stack = [organisation_id]
            while stack:
                node = stack.pop()
                if node in seen:
                    continue
                seen.add(node)
                subtree.append(node)
                stack.extend(children.get(node, ()))
            posts = self._posts_held(session, subtree, on)

        def build(node_id: int, path: frozenset[int]) -> OrgNode:
            row = rows[node_id]
            inner = path | {node_id}
            return OrgNode(
                row.id,
                row.name,
                row.kind,
                tuple(posts.get(node_id, ())),
                tuple(build(c, inner) for c in children.get(node_id, ()) if c not in inner),
            )

        return ancestors, build(organisation_id, frozenset())

    @staticmethod
    def _ancestors(
        session: Session, rows: dict[int, Row[Any]], organisation_id: int
    ) -> tuple[Choice, ...]:
        """Parents from the top down; a parent in another country is read on its own."""
        chain: list[Choice] = []
        seen = {organisation_id}
        parent_id: int | None = rows[organisation_id].parent_id
        while parent_id is not None and parent_id not in seen:
            seen.add(parent_id)
            row: Row[Any] | None = rows.get(parent_id)
            if row is None:
                row = session.execute(
                    select(Organisation.id, Organisation.name, Organisation.parent_id).where(
                        Organisation.id == parent_id
                    )
                ).first()
                if row is None:
                    break
            chain.append(Choice(row.id, row.name))
            parent_id = row.parent_id
        return tuple(reversed(chain))

    @staticmethod
    def _posts_held(
        session: Session, organisation_ids: list[int], on: date
    ) -> dict[int, list[PostHolding]]:
        """Each organisation's posts, by title, with who held each on the day."""
        if not organisation_ids:
            return {}
        posts = session.execute(
            select(Post.id, Post.title, Post.organisation_id)
            .where(Post.organisation_id.in_(organisation_ids))
            .order_by(Post.title, Post.id)
        ).all()
        holders: dict[int, list[str]] = defaultdict(list)
        if posts:
            held = session.execute(
                select(
                    Membership.post_id,
                    Membership.acting,
                    Person.given_name,
                    Person.family_name,
                    Person.name_original,
                    Person.other_names,
                    Person.name_order,
                    Person.name_shown,
                )
                .join(Person, Person.id == Membership.person_id)
                .where(Membership.post_id.in_([p.id for p in posts]), *_held_on(on))
                .order_by(Membership.start_date, Membership.id)
            )
            for r in held:
                name = person_name(r)
                holders[r.post_id].append(f"{name} (acting)" if r.acting else name)
        result: dict[int, list[PostHolding]] = defaultdict(list)
        for p in posts:
            result[p.organisation_id].append(PostHolding(p.id, p.title, tuple(holders[p.id])))
        return result
