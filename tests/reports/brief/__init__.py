"""Tests of reports.brief."""
