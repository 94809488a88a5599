"""Calendars in and out: ICS imports into engagements, and exports of engagements."""
