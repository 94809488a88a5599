"""Use cases: one transaction per user action, frozen records in and out."""
