"""iCalendar files (RFC 5545) as Outlook, Google and Apple write them."""
