"""Agreements: the register, the lifecycle, deadlines and attached files."""
