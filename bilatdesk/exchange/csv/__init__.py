"""Contact CSV files as spreadsheets, Outlook and Google write them."""
