"""Organisations: ministries, directorates, units and others."""
