"""Table models over the services: lazy keyset pages, sorted and filtered in SQL."""
