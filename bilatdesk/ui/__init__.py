"""The PySide6 face of bilatdesk: main window, pages, table models, forms and dialogs."""
