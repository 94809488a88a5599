"""The pages of the main window: Today, the four record lists, and placeholders."""
