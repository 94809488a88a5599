"""Agreements: the register page, the form and its panels, and small dialogs."""
