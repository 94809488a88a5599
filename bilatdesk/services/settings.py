"""Database-wide settings, such as whether this database is the demo."""

from __future__ import annotations

from sqlalchemy import select

from bilatdesk.domain import DEMO_KEY, Setting
from bilatdesk.store.database import Database


def is_demo(db: Database) -> bool:
    with db.read() as session:
        return session.scalar(select(Setting.value).where(Setting.key == DEMO_KEY)) == "1"
