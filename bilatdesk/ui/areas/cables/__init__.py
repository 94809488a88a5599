"""Cables: the register, the editor with its preview, and the workflow's buttons."""
