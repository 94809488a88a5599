"""One room per area of the sidebar: its page, forms, dialogs, columns and menu."""
