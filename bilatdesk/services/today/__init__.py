"""The reminders behind Today: the sources each area registers, read together."""
