"""Contacts in and out: the vCard and CSV import and export dialogs."""
