"""Engagements: the form, quick entry, and the commitments made in them."""
