"""Calendars in and out: the ICS import and export dialogs."""
