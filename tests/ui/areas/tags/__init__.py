"""Tests of ui.areas.tags."""
