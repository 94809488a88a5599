"""Tests of ui.areas.contacts."""
