"""The dispatched-cable freeze against every SQL path (conflict clauses, links, kept documents).

0002 refused UPDATE and DELETE of a dispatched cable and of its paragraphs, references and
clearances. That left holes, each measured: SQLite fires no DELETE trigger for a row removed by
REPLACE conflict resolution (the engine now turns `recursive_triggers` on, so it does), an
INSERT reusing a dispatched cable's key was never looked at, a child could be moved *onto* a
dispatched cable (only the old parent was checked), the tags and named people were free, the
meeting link was cleared silently by ON DELETE SET NULL, and the kept PDF could be rewritten.

Named people and person merges: a merge re-points the merged-away person's links, and the
database cannot tell a merge from tampering, so it refuses every change to a dispatched cable's
`cable_person` rows; the merge service refuses, with a sentence, to merge away a person that a
dispatched cable names (merging the other way round keeps that person, and is allowed).

Revision ID: 0006_freeze
Revises: 0005_people_commitments
Create Date: 2026-12-06 07:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

# Copied, not imported: a migration must keep meaning what it meant when it was written.
MESSAGE = "a dispatched cable never changes; write a correction that references it"
DOCUMENT_MESSAGE = "a kept document never changes"
OLD_CHILDREN = ("cable_paragraph", "cable_reference", "cable_clearance")
NEW_CHILDREN = ("cable_person", "cable_tag")
# A kept document's identity and bytes; its title and inputs are descriptive.
DOCUMENT_FROZEN = ("kind", "source_uid", "sha256", "size", "content")

revision: str = "0006_freeze"
down_revision: str | None = "0005_people_commitments"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_upgrade()
    else:
        _postgresql_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_downgrade()
    else:
        _postgresql_downgrade()


# -- SQLite ---------------------------------------------------------------------------------
def _raise(message: str = MESSAGE) -> str:
    return f"BEGIN SELECT RAISE(ABORT, '{message}'); END"


def _dispatched(cable_id: str) -> str:
    return f"(SELECT status FROM cable WHERE id = {cable_id}) = 'dispatched'"


# SQLite keeps a Uuid as 32 hex digits; a document names its source with the dashed form.
_SQLITE_DOCUMENT_SOURCE = (
    "EXISTS (SELECT 1 FROM cable WHERE status = 'dispatched' "
    "AND uid = lower(replace({row}.source_uid, '-', '')))"
)


def _sqlite_upgrade() -> None:
    op.execute(
        "CREATE TRIGGER cable_frozen_insert BEFORE INSERT ON cable WHEN EXISTS ("
        "SELECT 1 FROM cable WHERE status = 'dispatched' AND (id = NEW.id OR uid = NEW.uid "
        "OR serial = NEW.serial OR (post = NEW.post AND serial_year = NEW.serial_year "
        f"AND serial_number = NEW.serial_number))) {_raise()}"
    )
    # Neither column is in 0002's list: the key, and the meeting link that ON DELETE SET NULL
    # cleared without a word when the meeting was deleted.
    op.execute(
        "CREATE TRIGGER cable_frozen_links BEFORE UPDATE OF id, engagement_id ON cable "
        f"WHEN OLD.status = 'dispatched' {_raise()}"
    )
    for child in OLD_CHILDREN:
        # 0002 looked only at the old parent: a draft's row could be moved onto a dispatched one.
        op.execute(
            f"CREATE TRIGGER {child}_frozen_move BEFORE UPDATE ON {child} "
            f"WHEN {_dispatched('NEW.cable_id')} {_raise()}"
        )
    for child in NEW_CHILDREN:
        op.execute(
            f"CREATE TRIGGER {child}_frozen_insert BEFORE INSERT ON {child} "
            f"WHEN {_dispatched('NEW.cable_id')} {_raise()}"
        )
        op.execute(
            f"CREATE TRIGGER {child}_frozen_update BEFORE UPDATE ON {child} "
            f"WHEN {_dispatched('OLD.cable_id')} OR {_dispatched('NEW.cable_id')} {_raise()}"
        )
        op.execute(
            f"CREATE TRIGGER {child}_frozen_delete BEFORE DELETE ON {child} "
            f"WHEN {_dispatched('OLD.cable_id')} {_raise()}"
        )
    changed = " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in DOCUMENT_FROZEN)
    op.execute(
        f"CREATE TRIGGER generated_document_frozen_update BEFORE UPDATE ON generated_document "
        f"WHEN {changed} {_raise(DOCUMENT_MESSAGE)}"
    )
    op.execute(
        "CREATE TRIGGER generated_document_frozen_delete BEFORE DELETE ON generated_document "
        f"WHEN OLD.kind = 'cable' AND {_SQLITE_DOCUMENT_SOURCE.format(row='OLD')} "
        f"{_raise(DOCUMENT_MESSAGE)}"
    )
    # A second "kept PDF" beside the first would leave `cable pdf` a choice of two.
    op.execute(
        "CREATE TRIGGER generated_document_frozen_insert BEFORE INSERT ON generated_document "
        f"WHEN NEW.kind = 'cable' AND {_SQLITE_DOCUMENT_SOURCE.format(row='NEW')} AND EXISTS ("
        "SELECT 1 FROM generated_document WHERE kind = 'cable' "
        f"AND source_uid = NEW.source_uid) {_raise(DOCUMENT_MESSAGE)}"
    )


def _sqlite_downgrade() -> None:
    names = ["cable_frozen_insert", "cable_frozen_links"]
    names += [f"{child}_frozen_move" for child in OLD_CHILDREN]
    names += [f"{c}_frozen_{e}" for c in NEW_CHILDREN for e in ("insert", "update", "delete")]
    names += [f"generated_document_frozen_{e}" for e in ("insert", "update", "delete")]
    for name in names:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


# -- PostgreSQL -----------------------------------------------------------------------------
# 0002's child function, restored on downgrade.
_OLD_CHILD_FUNCTION = (
    "CREATE OR REPLACE FUNCTION bilatdesk_cable_child_frozen() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ "
    "DECLARE parent_id integer; BEGIN "
    "IF TG_OP = 'INSERT' THEN parent_id := NEW.cable_id; ELSE parent_id := OLD.cable_id; "
    "END IF; "
    "IF (SELECT status FROM cable WHERE id = parent_id) = 'dispatched' THEN "
    f"RAISE EXCEPTION '{MESSAGE}'; END IF; "
    "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
)

# Both parents of an UPDATE are looked at; NEW is never read in a DELETE, nor OLD in an INSERT.
_CHILD_FUNCTION = (
    "CREATE OR REPLACE FUNCTION bilatdesk_cable_child_frozen() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP <> 'INSERT' THEN "
    "IF (SELECT status FROM cable WHERE id = OLD.cable_id) = 'dispatched' THEN "
    f"RAISE EXCEPTION '{MESSAGE}'; END IF; END IF; "
    "IF TG_OP <> 'DELETE' THEN "
    "IF (SELECT status FROM cable WHERE id = NEW.cable_id) = 'dispatched' THEN "
    f"RAISE EXCEPTION '{MESSAGE}'; END IF; END IF; "
    "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
)

# BEFORE INSERT row triggers run before ON CONFLICT is resolved, so DO NOTHING and DO UPDATE
# against a dispatched cable's key are refused here too.
_INSERT_FUNCTION = (
    "CREATE FUNCTION bilatdesk_cable_insert_frozen() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN IF EXISTS (SELECT 1 FROM cable WHERE status = 'dispatched' AND (id = NEW.id "
    "OR uid = NEW.uid OR serial = NEW.serial OR (post = NEW.post "
    "AND serial_year = NEW.serial_year AND serial_number = NEW.serial_number))) THEN "
    f"RAISE EXCEPTION '{MESSAGE}'; END IF; RETURN NEW; END $$"
)

_PG_DOCUMENT_SOURCE = (
    "EXISTS (SELECT 1 FROM cable WHERE status = 'dispatched' "
    "AND cable.uid::text = lower({row}.source_uid))"
)

_DOCUMENT_FUNCTION = (
    "CREATE FUNCTION bilatdesk_document_frozen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'UPDATE' THEN IF "
    + " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in DOCUMENT_FROZEN)
    + f" THEN RAISE EXCEPTION '{DOCUMENT_MESSAGE}'; END IF; RETURN NEW; END IF; "
    "IF TG_OP = 'DELETE' THEN "
    f"IF OLD.kind = 'cable' AND {_PG_DOCUMENT_SOURCE.format(row='OLD')} THEN "
    f"RAISE EXCEPTION '{DOCUMENT_MESSAGE}'; END IF; RETURN OLD; END IF; "
    f"IF NEW.kind = 'cable' AND {_PG_DOCUMENT_SOURCE.format(row='NEW')} AND EXISTS ("
    "SELECT 1 FROM generated_document WHERE kind = 'cable' AND source_uid = NEW.source_uid) "
    f"THEN RAISE EXCEPTION '{DOCUMENT_MESSAGE}'; END IF; RETURN NEW; END $$"
)


def _postgresql_upgrade() -> None:
    op.execute(_CHILD_FUNCTION)
    op.execute(_INSERT_FUNCTION)
    op.execute(_DOCUMENT_FUNCTION)
    op.execute(
        "CREATE TRIGGER cable_frozen_insert BEFORE INSERT ON cable "
        "FOR EACH ROW EXECUTE FUNCTION bilatdesk_cable_insert_frozen()"
    )
    # The FK's ON DELETE SET NULL is an UPDATE of the referencing row, which fires this.
    op.execute(
        "CREATE TRIGGER cable_frozen_links BEFORE UPDATE OF id, engagement_id ON cable "
        "FOR EACH ROW EXECUTE FUNCTION bilatdesk_cable_frozen()"
    )
    for child in NEW_CHILDREN:
        op.execute(
            f"CREATE TRIGGER {child}_frozen BEFORE INSERT OR UPDATE OR DELETE ON {child} "
            "FOR EACH ROW EXECUTE FUNCTION bilatdesk_cable_child_frozen()"
        )
    op.execute(
        "CREATE TRIGGER generated_document_frozen BEFORE INSERT OR UPDATE OR DELETE "
        "ON generated_document FOR EACH ROW EXECUTE FUNCTION bilatdesk_document_frozen()"
    )


def _postgresql_downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS generated_document_frozen ON generated_document")
    for child in NEW_CHILDREN:
        op.execute(f"DROP TRIGGER IF EXISTS {child}_frozen ON {child}")
    op.execute("DROP TRIGGER IF EXISTS cable_frozen_links ON cable")
    op.execute("DROP TRIGGER IF EXISTS cable_frozen_insert ON cable")
    op.execute("DROP FUNCTION IF EXISTS bilatdesk_document_frozen()")
    op.execute("DROP FUNCTION IF EXISTS bilatdesk_cable_insert_frozen()")
    op.execute(_OLD_CHILD_FUNCTION)
