"""Alembic environment: runs on the connection bilatdesk hands over, inside its transaction."""

from __future__ import annotations

from typing import Any

from alembic import context

from bilatdesk.domain import Base
from bilatdesk.store.engine import create_store_engine
from bilatdesk.store.search import is_search_object

config = context.config
target_metadata = Base.metadata


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Autogenerate leaves the full-text tables, the tsvector column and its index alone."""
    if is_search_object(name):
        return False
    if type_ == "table" and name is not None and name.startswith("sqlite_"):
        return False
    return True


def _configure_and_run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url or pass a connection in config.attributes")
    engine = create_store_engine(url)
    with engine.connect() as fresh:
        _configure_and_run(fresh)
        fresh.commit()


if context.is_offline_mode():
    raise RuntimeError("bilatdesk migrations run online only")
run_migrations_online()
