"""The schema revision this program expects; a test keeps it equal to alembic's head.

Knowing the head without importing alembic keeps start-up fast when nothing is to migrate.
"""

HEAD_REVISION = "0011_bin_records"
