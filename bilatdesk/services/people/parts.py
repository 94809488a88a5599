"""A person's own rows as the form gives them: posts held (memberships) and contact points."""

from __future__ import annotations

import builtins

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilatdesk.domain import ContactPoint, Membership, Organisation, Person, Post
from bilatdesk.domain.phones import store_phone
from bilatdesk.services.people.inputs import MembershipInput, PersonInput


def matched_memberships(
    session: Session, person: Person, wanted: tuple[MembershipInput, ...]
) -> builtins.list[Membership]:
    """The person's memberships as given: rows named by id are kept, others reused in order.

    Reusing rows keeps ids (and what points at them) stable across saves of the same form.
    """
    existing = list(person.memberships)
    by_id = {m.id: m for m in existing if m.id is not None}
    claimed = {m.id for m in wanted if m.id is not None and m.id in by_id}
    spare = [m for m in existing if m.id not in claimed]
    kept: builtins.list[Membership] = []
    for m in wanted:
        if m.id is not None and m.id in by_id:
            membership = by_id[m.id]
        elif spare:
            membership = spare.pop(0)
        else:
            membership = Membership()
        post = find_or_create_post(session, m.post_title, m.organisation_id)
        membership.post = post
        membership.start_date = m.start_date
        membership.end_date = m.end_date
        membership.acting = m.acting
        membership.note = m.note
        membership.mission_class = m.mission_class
        membership.credentials_on = m.credentials_on
        kept.append(membership)
    return kept


def find_or_create_post(session: Session, title: str, organisation_id: int | None) -> Post:
    """Posts are shared offices: two holders of one title in one organisation share the post."""
    statement = select(Post).where(Post.title == title)
    statement = statement.where(
        Post.organisation_id.is_(None)
        if organisation_id is None
        else Post.organisation_id == organisation_id
    )
    post = session.scalars(statement.limit(1)).first()
    if post is None:
        post = Post(title=title, organisation_id=organisation_id)
        # Set before the flush, so the person's search text can name the organisation.
        post.organisation = session.get(Organisation, organisation_id) if organisation_id else None
        session.add(post)
    return post


def contact_points(
    existing: list[ContactPoint], data: PersonInput, region: str
) -> list[ContactPoint]:
    """The edited e-mails, phones and first address, keeping what the form does not show.

    Phones are stored in E.164 (read in the person's country), else as written.

    Labels (work, mobile) from an import survive a save that keeps the value, and further
    addresses or web pages (from an import or a merge) are never dropped by the form.
    """
    labels = {(p.kind, p.value): p.label for p in existing}
    addresses = [p.value for p in existing if p.kind == "address"]
    phones = dict.fromkeys(store_phone(v, region).value for v in data.phones)
    wanted = [("email", v) for v in data.emails] + [("phone", v) for v in phones]
    if data.address:
        wanted.append(("address", data.address))
    wanted += [("address", v) for v in addresses[1:] if v != data.address]
    wanted += [(p.kind, p.value) for p in existing if p.kind not in ("email", "phone", "address")]
    return [
        ContactPoint(kind=kind, value=value, label=labels.get((kind, value), ""), position=i)
        for i, (kind, value) in enumerate(wanted)
    ]
