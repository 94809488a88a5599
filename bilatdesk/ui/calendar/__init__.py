"""The calendar area: month and week views of engagements, in the user's own time zone."""
