"""Tests of ui.areas.organisations."""
