"""The frames that every import and export dialog shares."""
