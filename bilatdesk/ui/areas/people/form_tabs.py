"""The person form's tabs: which fields each shows, and how they are laid out.

The form (form.py) makes the widgets and reads and writes them; this puts them on the tabs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from bilatdesk.ui.areas.people.form import PersonForm

# The protocol fields in the order of the tab, with their labels.
PROTOCOL_FIELDS = (
    ("rank", "Rank"),
    ("addressee_line", "Addressee"),
    ("salutation", "Salutation"),
    ("complimentary_close", "Complimentary close"),
    ("form_of_address", "Form of address"),
    ("correspondence_language", "Language of letters"),
)

(
    TAB_IDENTITY,
    TAB_CONTACTS,
    TAB_POSTS,
    TAB_PROTOCOL,
    TAB_TIES,
    TAB_TAGS,
    TAB_BIOGRAPHY,
    TAB_FOLLOW_UP,
) = range(8)


def page_layout(tabs: QTabWidget, title: str) -> QVBoxLayout:
    """A tab whose content scrolls on its own (the tab bar and buttons stay in view)."""
    body = QWidget()
    column = QVBoxLayout(body)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(body)
    tabs.addTab(scroll, title)
    return column


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form


def heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setContentsMargins(0, 8, 0, 0)
    return label


def quiet(text: str = "") -> QLabel:
    """A hint in the palette's quiet colour."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setEnabled(False)
    return label


def lay_out_tabs(dialog: PersonForm) -> None:
    """Put the form's fields on its tabs, in the order of the TAB_ numbers."""
    _identity(dialog)
    _contacts_and_posts(dialog)
    _protocol(dialog)
    _rest(dialog)


def _identity(dialog: PersonForm) -> None:
    # The names and facts on the left, the photo on the right.
    page = page_layout(dialog.tabs, dialog.tr("Identity"))
    row = QHBoxLayout()
    form = form_layout()
    for name, label, widget in (
        ("honorific", dialog.tr("Honorific"), dialog.honorific),
        ("given_name", dialog.tr("Given name"), dialog.given_name),
        ("family_name", dialog.tr("Family name"), dialog.family_name),
        ("name_original", dialog.tr("Original script"), dialog.name_original),
        ("other_names", dialog.tr("Other names"), dialog.other_names),
        ("name_order", dialog.tr("Name order"), dialog.name_order),
        ("pronunciation", dialog.tr("Pronunciation"), dialog.pronunciation),
        ("gender", dialog.tr("Gender"), dialog.gender),
        ("birth_date", dialog.tr("Born"), dialog.birth),
        ("languages", dialog.tr("Languages"), dialog.languages),
        ("country_id", dialog.tr("Country"), dialog.country),
        ("classification", dialog.tr("Classification"), dialog.classification),
    ):
        dialog.tab_field(form, TAB_IDENTITY, name, label, widget)
    row.addLayout(form, 1)
    row.addSpacing(12)
    row.addWidget(
        dialog.tab_part(TAB_IDENTITY, "photo", dialog.photo), 0, Qt.AlignmentFlag.AlignTop
    )
    page.addLayout(row)
    page.addStretch(1)


def _contacts_and_posts(dialog: PersonForm) -> None:
    tabs = dialog.tabs
    page = page_layout(tabs, dialog.tr("Contacts"))
    form = form_layout()
    dialog.tab_field(form, TAB_CONTACTS, "emails", dialog.tr("E-mails"), dialog.emails)
    dialog.tab_field(form, TAB_CONTACTS, "phones", dialog.tr("Phones"), dialog.phones)
    form.addRow("", dialog.phones_note)
    dialog.tab_field(form, TAB_CONTACTS, "address", dialog.tr("Address"), dialog.address)
    page.addLayout(form)
    page.addStretch(1)

    page = page_layout(tabs, dialog.tr("Posts"))
    page.addWidget(heading(dialog.tr("Posts held")))
    form = form_layout()
    dialog.tab_field(form, TAB_POSTS, "memberships", "", dialog.memberships)
    page.addLayout(form)
    page.addWidget(heading(dialog.tr("Timeline")))
    page.addWidget(quiet(dialog.tr("As saved, newest first; current posts in bold.")))
    row = QHBoxLayout()
    row.addWidget(dialog.timeline, 1)
    side = QVBoxLayout()
    side.addWidget(dialog.appoint_button)
    side.addWidget(dialog.posts_status)
    side.addStretch(1)
    dialog.posts_status.setMaximumWidth(220)
    row.addLayout(side)
    page.addLayout(row, 1)


def _protocol(dialog: PersonForm) -> None:
    page = page_layout(dialog.tabs, dialog.tr("Protocol"))
    page.addWidget(
        quiet(
            dialog.tr(
                "Leave a field empty to use the proposed default shown in grey; it follows "
                "the person's posts, gender and accreditation."
            )
        )
    )
    row = QHBoxLayout()
    form = form_layout()
    labels = dict(PROTOCOL_FIELDS)
    for name, field in dialog.protocol.items():
        dialog.tab_field(form, TAB_PROTOCOL, name, dialog.tr(labels[name]), field)
    row.addLayout(form, 3)
    preview = QVBoxLayout()
    preview.addWidget(heading(dialog.tr("A letter opens and closes")))
    preview.addWidget(dialog.letter, 1)
    row.addLayout(preview, 2)
    page.addLayout(row)
    page.addStretch(1)


def _rest(dialog: PersonForm) -> None:
    tabs = dialog.tabs
    page = page_layout(tabs, dialog.tr("Relationships"))
    page.addWidget(dialog.tab_part(TAB_TIES, "relationships", dialog.relationships), 1)

    page = page_layout(tabs, dialog.tr("Tags"))
    form = form_layout()
    dialog.tab_field(form, TAB_TAGS, "tag_ids", dialog.tr("Tags"), dialog.tags)
    page.addLayout(form)
    page.addWidget(
        quiet(
            dialog.tr(
                "Tags are shared with organisations, engagements, cables and agreements; "
                "lists can be narrowed to the records carrying chosen tags."
            )
        )
    )
    page.addStretch(1)

    page = page_layout(tabs, dialog.tr("Biography"))
    form = form_layout()
    dialog.tab_field(form, TAB_BIOGRAPHY, "biography", dialog.tr("Biography"), dialog.biography)
    dialog.tab_field(
        form, TAB_BIOGRAPHY, "biography_source", dialog.tr("Source"), dialog.biography_source
    )
    dialog.tab_field(
        form, TAB_BIOGRAPHY, "biography_as_of", dialog.tr("As of"), dialog.biography_as_of
    )
    page.addLayout(form)
    page.addStretch(1)

    page = page_layout(tabs, dialog.tr("Commitments"))
    page.addWidget(dialog.tab_part(TAB_FOLLOW_UP, "commitments", dialog.follow_up), 1)
