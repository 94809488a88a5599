"""The cable screens: the register's editor window, its panels, preview and printing."""
