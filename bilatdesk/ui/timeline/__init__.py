"""The relationship timeline of a country: status bands and event lanes, scrolled and zoomed."""
