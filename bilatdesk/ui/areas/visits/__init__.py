"""Visits: the list, the form with its programme, and the brief."""
