"""Storage: engines, sessions, migrations, the instance lock, search and paging."""
