"""The calendar area: month and week pages of engagements."""
