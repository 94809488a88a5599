"""Tests of ui.areas.countries."""
