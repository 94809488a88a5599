"""Tests of ui.areas.cables."""
