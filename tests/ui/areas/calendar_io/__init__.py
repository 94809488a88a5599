"""Tests of ui.areas.calendar_io."""
