"""The one set of services over an open database, built once and used by the window and the CLI.

Both faces ask the catalogue and never build a service themselves, so they see the same rules
and the same Today. The catalogue keeps the database to itself: a face gets services, never a
session or the handle (only the code that opens a database closes it, through `close`).

Each service is built, and its module imported, the first time a face asks for it: the window
shows its first page with the few services that page reads (importing them all costs about a
sixth of a second), and the others come as the other pages are built.
"""

from __future__ import annotations

from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING

from bilatdesk.store.database import Database

if TYPE_CHECKING:
    from bilatdesk.services.agreements.attachments import AttachmentStore
    from bilatdesk.services.agreements.register import AgreementRegister
    from bilatdesk.services.agreements.service import AgreementService
    from bilatdesk.services.audit.service import AuditService
    from bilatdesk.services.cables.documents import CableDocuments
    from bilatdesk.services.cables.service import CableService
    from bilatdesk.services.cables.templates import CableDrafting
    from bilatdesk.services.cables.workflow import CableWorkflow
    from bilatdesk.services.calendar.service import CalendarService
    from bilatdesk.services.calendar_io.service import CalendarExchange
    from bilatdesk.services.contacts.service import ContactExchange
    from bilatdesk.services.corps.diplomatic_list import DiplomaticListService
    from bilatdesk.services.countries.service import CountryService
    from bilatdesk.services.countries.timeline import CountryTimeline
    from bilatdesk.services.engagements.commitments import CommitmentService
    from bilatdesk.services.engagements.service import EngagementService
    from bilatdesk.services.kernel.settings import SettingsService
    from bilatdesk.services.organisations.service import OrganisationService
    from bilatdesk.services.people.duplicates import DuplicateService
    from bilatdesk.services.people.merge import MergeService
    from bilatdesk.services.people.posts import PostService
    from bilatdesk.services.people.relationships import RelationshipService
    from bilatdesk.services.people.service import PersonService
    from bilatdesk.services.search.service import SearchService
    from bilatdesk.services.tags import TagService
    from bilatdesk.services.today.reminders import ReminderService, ReminderSource
    from bilatdesk.services.undo.bin import BinService
    from bilatdesk.services.undo.service import UndoService
    from bilatdesk.services.visits.brief.assemble import BriefService
    from bilatdesk.services.visits.service import VisitService


def today_sources() -> list[ReminderSource]:
    """The built-in sections of Today, in the order shown: what to do first, dates last."""
    from bilatdesk.services.agreements.reminders import AgreementDeadlines
    from bilatdesk.services.cables.reminders import CablesAwaiting
    from bilatdesk.services.today.sources import (
        Birthdays,
        CommitmentsDue,
        CredentialsAnniversaries,
        NationalDays,
        UpcomingEngagements,
    )

    return [
        UpcomingEngagements(),
        CommitmentsDue(),
        CablesAwaiting(),
        AgreementDeadlines(),
        NationalDays(),
        Birthdays(),
        CredentialsAnniversaries(),
    ]


class Services:
    """Every service the faces call, over one database. Build it with `Services.over(db)`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @cached_property
    def undo(self) -> UndoService:
        """The session's undo history: the services that change records record their steps."""
        from bilatdesk.services.undo.history import History
        from bilatdesk.services.undo.service import UndoService

        return UndoService(self._db, History())

    @cached_property
    def bin(self) -> BinService:
        from bilatdesk.services.undo.bin import BinService

        return BinService(self._db)

    @cached_property
    def countries(self) -> CountryService:
        from bilatdesk.services.countries.service import CountryService

        return CountryService(self._db, undo=self.undo)

    @cached_property
    def timeline(self) -> CountryTimeline:
        from bilatdesk.services.countries.timeline import CountryTimeline

        return CountryTimeline(self._db)

    @cached_property
    def organisations(self) -> OrganisationService:
        from bilatdesk.services.organisations.service import OrganisationService

        return OrganisationService(self._db, undo=self.undo)

    @cached_property
    def people(self) -> PersonService:
        from bilatdesk.services.people.service import PersonService

        return PersonService(self._db, undo=self.undo)

    @cached_property
    def posts(self) -> PostService:
        from bilatdesk.services.people.posts import PostService

        return PostService(self._db)

    @cached_property
    def relationships(self) -> RelationshipService:
        from bilatdesk.services.people.relationships import RelationshipService

        return RelationshipService(self._db)

    @cached_property
    def duplicates(self) -> DuplicateService:
        from bilatdesk.services.people.duplicates import DuplicateService

        return DuplicateService(self._db)

    @cached_property
    def merge(self) -> MergeService:
        from bilatdesk.services.people.merge import MergeService

        return MergeService(self._db, undo=self.undo)

    @cached_property
    def engagements(self) -> EngagementService:
        from bilatdesk.services.engagements.service import EngagementService

        return EngagementService(self._db, undo=self.undo)

    @cached_property
    def commitments(self) -> CommitmentService:
        from bilatdesk.services.engagements.commitments import CommitmentService

        return CommitmentService(self._db, undo=self.undo)

    @cached_property
    def calendar(self) -> CalendarService:
        from bilatdesk.services.calendar.service import CalendarService

        return CalendarService(self._db)

    @cached_property
    def cables(self) -> CableService:
        from bilatdesk.services.cables.service import CableService

        return CableService(self._db, undo=self.undo)

    @cached_property
    def cable_workflow(self) -> CableWorkflow:
        from bilatdesk.services.cables.workflow import CableWorkflow

        return CableWorkflow(self._db)

    @cached_property
    def cable_drafting(self) -> CableDrafting:
        from bilatdesk.services.cables.templates import CableDrafting

        return CableDrafting(self._db)

    @cached_property
    def cable_documents(self) -> CableDocuments:
        from bilatdesk.services.cables.documents import CableDocuments

        return CableDocuments(self._db)

    @cached_property
    def agreements(self) -> AgreementService:
        from bilatdesk.services.agreements.service import AgreementService

        return AgreementService(self._db, undo=self.undo)

    @cached_property
    def attachments(self) -> AttachmentStore:
        from bilatdesk.services.agreements.attachments import AttachmentStore

        return AttachmentStore(self._db)

    @cached_property
    def agreement_register(self) -> AgreementRegister:
        from bilatdesk.services.agreements.register import AgreementRegister

        return AgreementRegister(self._db)

    @cached_property
    def visits(self) -> VisitService:
        from bilatdesk.services.visits.service import VisitService

        return VisitService(self._db, undo=self.undo)

    @cached_property
    def briefs(self) -> BriefService:
        from bilatdesk.services.visits.brief.assemble import BriefService

        return BriefService(self._db)

    @cached_property
    def tags(self) -> TagService:
        from bilatdesk.services.tags import TagService

        return TagService(self._db, undo=self.undo)

    @cached_property
    def diplomatic_list(self) -> DiplomaticListService:
        from bilatdesk.services.corps.diplomatic_list import DiplomaticListService

        return DiplomaticListService(self._db)

    @cached_property
    def reminders(self) -> ReminderService:
        from bilatdesk.services.today.reminders import ReminderService

        return ReminderService(self._db, today_sources())

    @cached_property
    def settings(self) -> SettingsService:
        from bilatdesk.services.kernel.settings import SettingsService

        return SettingsService(self._db)

    @cached_property
    def contacts(self) -> ContactExchange:
        from bilatdesk.services.contacts.service import ContactExchange

        return ContactExchange(self._db)

    @cached_property
    def calendar_io(self) -> CalendarExchange:
        from bilatdesk.services.calendar_io.service import CalendarExchange

        return CalendarExchange(self._db)

    @cached_property
    def audit(self) -> AuditService:
        from bilatdesk.services.audit.service import AuditService

        return AuditService(self._db)

    @cached_property
    def search(self) -> SearchService:
        from bilatdesk.services.search.service import SearchService

        return SearchService(self._db)

    @classmethod
    def over(cls, db: Database) -> Services:
        """The services of an open database; closing them closes it.

        Opening a writable database empties the bin of what was deleted over 30 days ago.
        """
        services = cls(db)
        if not db.read_only:
            services.bin.purge_older()
        return services

    @property
    def read_only(self) -> bool:
        """True when the database is open for viewing only: every save is refused."""
        return self._db.read_only

    @property
    def display_location(self) -> str:
        """Where the database lives, as a person reads it (a server URL without its password)."""
        return self._db.display_location

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
