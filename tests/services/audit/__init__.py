"""Tests of services.audit."""
