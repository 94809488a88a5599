"""vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350)."""
