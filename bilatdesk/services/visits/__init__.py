"""Visits, their programme, and the brief built for them."""
