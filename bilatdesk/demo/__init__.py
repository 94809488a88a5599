"""The deterministic demo database: a client of the services, like the CLI."""
