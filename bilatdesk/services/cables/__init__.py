"""Cables: drafting, the register, the clearance workflow and the printed record."""
