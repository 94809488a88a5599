"""A country's relationship timeline, painted and zoomable."""
