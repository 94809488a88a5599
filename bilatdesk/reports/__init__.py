"""Documents: frozen records in, PDF bytes out (reportlab). No session, no Qt."""
