"""Benchmarks: each operation measured beside its floor in the same run (`make bench`)."""
