"""Tests of services.cables."""
