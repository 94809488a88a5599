"""Tests of services.today."""
