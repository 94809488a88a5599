"""Tests of ui.areas.today."""
