"""What every area's screens share: texts, icons, formatting, messages, widgets, jobs."""
