"""Tests of services.calendar."""
