"""Engagements with their participants, and the commitments made in them."""
