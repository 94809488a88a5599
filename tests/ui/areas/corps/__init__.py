"""Tests of ui.areas.corps."""
