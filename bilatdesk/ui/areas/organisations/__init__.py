"""Organisations: the form and the structure beneath each one."""
