"""Tests of exchange.csv."""
