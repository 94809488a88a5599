"""Tests of ui.areas.visits."""
