"""bilatdesk: the relations log of a small state's embassy."""
