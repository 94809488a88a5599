"""What the contacts and the calendar import/export dialogs share: jobs, tables, frames, files."""
