"""The program's frame: the application, start-up, the main window and its menus."""
