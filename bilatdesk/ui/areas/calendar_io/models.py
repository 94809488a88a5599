"""The calendar import's preview table: what happens to each event, where and when it starts."""

from __future__ import annotations

from PySide6.QtCore import QObject

from bilatdesk.services.calendar_io.importing import IcsImportReport, IcsReportLine
from bilatdesk.ui.kit.exchange.outcome_model import OutcomeModel
from bilatdesk.ui.kit.texts import tr

COL_OUTCOME, COL_START, COL_TITLE, COL_DETAILS = 0, 1, 2, 3


class PreviewModel(OutcomeModel[IcsImportReport, IcsReportLine]):
    """The lines of a calendar import report (preview or result), filtered by outcome."""

    TITLES = ("Outcome", "Starts (local time)", "Title", "Details")
    outcome_column = COL_OUTCOME

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(IcsImportReport(), parent)

    def _display(self, line: IcsReportLine, column: int) -> str:
        if column == COL_START:
            return line.when
        if column == COL_TITLE:
            return " ".join(line.title.split())[:300]
        return " ".join(line.reason.split())

    def _tooltip(self, line: IcsReportLine, column: int) -> str | None:
        if column == COL_TITLE:
            return line.title[:2000] or None
        if column == COL_DETAILS:
            text = line.reason or ""
            where = tr("Line %1 of the file.").replace("%1", f"{line.line:,}") if line.line else ""
            return " ".join(part for part in (text, where) if part) or None
        return None
