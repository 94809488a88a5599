"""The PySide6 face of bilatdesk: main window, pages, table models, forms and dialogs."""

from bilatdesk.ui.kit.import_hook import skip_source_scan

# Before any other module of the face is imported: each import then skips PySide6's read of
# its source (ui/kit/import_hook.py), which is most of what importing SQLAlchemy costs extra.
skip_source_scan()
