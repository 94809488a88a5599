"""Alembic environment: runs on the connection bilatdesk hands over, inside its transaction."""

from __future__ import annotations

from typing import Any

from alembic import context

from bilatdesk.domain import Base
from bilatdesk.store.engine import create_store_engine
from bilatdesk.store.search import include_in_autogenerate

config = context.config
target_metadata = Base.metadata


def _configure_and_run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_in_autogenerate,
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
