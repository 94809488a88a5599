"""People, their posts over time, their ties, duplicates and merges."""
