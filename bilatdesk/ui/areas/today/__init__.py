"""Today, the home page: every section of the reminders."""
