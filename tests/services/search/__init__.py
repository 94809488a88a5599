"""Tests of the global search service."""
