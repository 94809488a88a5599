"""Tests of exchange.vcard."""
