"""Tests of services.calendar_io."""
