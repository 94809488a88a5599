"""Tests of ui.models."""
