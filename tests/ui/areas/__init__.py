"""Tests of ui.areas."""
