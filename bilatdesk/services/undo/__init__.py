"""Undo and redo of the session's steps, and the "Recently deleted" bin."""
