"""The diplomatic corps: the diplomatic list dialog and its menu entry."""
