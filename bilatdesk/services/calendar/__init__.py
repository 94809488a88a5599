"""The calendar's reading of engagements inside a span of time."""
