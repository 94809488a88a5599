"""Small modal dialogs, each behind a `classmethod ask(...)` seam that tests replace."""
