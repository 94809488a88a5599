"""Tests of ui.areas.engagements."""
