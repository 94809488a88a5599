"""Tests of services.visits."""
