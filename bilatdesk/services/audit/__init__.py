"""The audit trail as people read it: a record's history, the trail for the command line."""
