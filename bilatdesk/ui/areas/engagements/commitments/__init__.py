"""Commitments: in the engagement form, on pages, and in their own list."""
