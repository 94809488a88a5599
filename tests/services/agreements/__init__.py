"""Tests of services.agreements."""
