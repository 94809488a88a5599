"""Tests of services.countries."""
