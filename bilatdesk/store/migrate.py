"""Alembic migrations run at start-up: file copied aside, one transaction, foreign keys off."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

from bilatdesk.config import migrations_dir
from bilatdesk.store.copies import Connect, CopyError, plain_connect, verified_copy
from bilatdesk.store.errors import MigrationError, NewerDatabaseError
from bilatdesk.store.schema import HEAD_REVISION
from bilatdesk.store.sqlite_file import APPLICATION_ID


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database, or None for an empty one."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrations_dir()))
    return {rev.revision for rev in script.walk_revisions()}


def alembic_head() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory(str(migrations_dir())).get_heads()
    if len(heads) != 1:
        raise MigrationError(f"the shipped migrations have {len(heads)} heads; expected one")
    return heads[0]


def copy_aside(database: Path, revision: str | None, connect: Connect = plain_connect) -> Path:
    """A verified copy of the file taken before a migration, whole or not at all.

    Written under a temporary name and renamed only when complete and verified (see
    store/copies.py): a kill or a full disk during the copy leaves no `.before-*` file.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = database.with_name(f"{database.name}.before-{revision or 'empty'}-{stamp}")
    try:
        verified_copy(database, target, connect=connect)
    except CopyError as exc:
        raise MigrationError(
            f"The database was not updated: the copy taken before an update failed. {exc}"
        ) from exc
    return target


def upgrade(
    engine: Engine, database_file: Path | None = None, *, connect: Connect = plain_connect
) -> bool:
    """Bring the schema to the head revision; True when anything was migrated.

    The whole upgrade runs in one transaction (BEGIN IMMEDIATE on SQLite), so a kill midway
    leaves the old schema and no stray `_alembic_tmp_*` table. Foreign keys are switched off
    on SQLite first: with them on, a batch rebuild that drops a parent table fires ON DELETE
    CASCADE and silently empties its children.
    """
    with engine.connect() as connection:
        # Looking costs no write lock; the upgrade itself begins IMMEDIATE.
        connection.execution_options(sqlite_begin="DEFERRED")
        revision = current_revision(connection)
        connection.rollback()
        connection.execution_options(sqlite_begin="IMMEDIATE")
        if revision == HEAD_REVISION:
            return False
        if revision is not None and revision not in known_revisions():
            raise NewerDatabaseError(
                f"This database was written by a newer bilatdesk (schema {revision}). "
                "Install the newer version to open it."
            )
        sqlite = connection.dialect.name == "sqlite"
        if sqlite and database_file is not None and revision is not None:
            copy_aside(database_file, revision, connect)
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                _run_alembic(connection)
                if sqlite:
                    # The mark that tells a bilatdesk file from any other SQLite file.
                    connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise MigrationError(
                            f"the migration would break {len(broken)} references; "
                            "nothing was changed"
                        )
        except MigrationError:
            raise
        except Exception as exc:
            raise MigrationError(
                f"Updating the database schema failed and nothing was changed: {exc}"
            ) from exc
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
    return True


def _run_alembic(connection: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
