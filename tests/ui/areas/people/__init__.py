"""Tests of ui.areas.people."""
