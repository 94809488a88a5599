"""Record forms: one dialog per kind of record, built in code, each with an `ask` seam."""
