"""People: the form and its fields, ties, successors, duplicates and merges."""
