"""Commitments in the window: the open-commitments panel, the Tools list, the close dialog."""
