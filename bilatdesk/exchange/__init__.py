"""File formats: records in and bytes out, bytes in and records out; no session, no Qt."""
