"""Tests of ui.areas.agreements."""
