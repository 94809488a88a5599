"""Contacts in and out: the import (vCard, CSV) and export dialogs and their menu entries."""
