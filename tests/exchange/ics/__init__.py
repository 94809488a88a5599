"""Tests of exchange.ics."""
