"""Tests of services.contacts."""
