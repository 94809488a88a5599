"""Tests of ui.kit."""
