"""Tests of services.engagements."""
