"""Global search: one query over every kind of record, grouped by kind."""
