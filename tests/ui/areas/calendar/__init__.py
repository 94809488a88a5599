"""Tests of ui.areas.calendar."""
