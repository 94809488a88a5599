"""Tests of services.people."""
