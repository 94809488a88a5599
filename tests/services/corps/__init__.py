"""Tests of services.corps."""
