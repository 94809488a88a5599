"""The one set of services over an open database, built once and used by the window and the CLI.

Both faces ask the catalogue and never build a service themselves, so they see the same rules
and the same Today. The catalogue keeps the database to itself: a face gets services, never a
session or the handle (only the code that opens a database closes it, through `close`).
"""

from __future__ import annotations

from types import TracebackType

from bilatdesk.services.agreements.attachments import AttachmentStore
from bilatdesk.services.agreements.register import AgreementRegister
from bilatdesk.services.agreements.reminders import AgreementDeadlines
from bilatdesk.services.agreements.service import AgreementService
from bilatdesk.services.audit.service import AuditService
from bilatdesk.services.cables.documents import CableDocuments
from bilatdesk.services.cables.reminders import CablesAwaiting
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
from bilatdesk.services.today.sources import (
    Birthdays,
    CommitmentsDue,
    CredentialsAnniversaries,
    NationalDays,
    UpcomingEngagements,
)
from bilatdesk.services.undo.bin import BinService
from bilatdesk.services.undo.history import History
from bilatdesk.services.undo.service import UndoService
from bilatdesk.services.visits.brief.assemble import BriefService
from bilatdesk.services.visits.service import VisitService
from bilatdesk.store.database import Database


def today_sources() -> list[ReminderSource]:
    """The built-in sections of Today, in the order shown: what to do first, dates last."""
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

    countries: CountryService
    timeline: CountryTimeline
    organisations: OrganisationService
    people: PersonService
    posts: PostService
    relationships: RelationshipService
    duplicates: DuplicateService
    merge: MergeService
    engagements: EngagementService
    commitments: CommitmentService
    calendar: CalendarService
    cables: CableService
    cable_workflow: CableWorkflow
    cable_drafting: CableDrafting
    cable_documents: CableDocuments
    agreements: AgreementService
    attachments: AttachmentStore
    agreement_register: AgreementRegister
    visits: VisitService
    briefs: BriefService
    tags: TagService
    diplomatic_list: DiplomaticListService
    reminders: ReminderService
    settings: SettingsService
    contacts: ContactExchange
    calendar_io: CalendarExchange
    audit: AuditService
    search: SearchService
    undo: UndoService
    bin: BinService

    def __init__(self, db: Database) -> None:
        self._db = db
        # The session's undo history: the services that change records record their steps.
        self.undo = UndoService(db, History())
        self.bin = BinService(db)
        undo = self.undo
        self.countries = CountryService(db, undo=undo)
        self.timeline = CountryTimeline(db)
        self.organisations = OrganisationService(db, undo=undo)
        self.people = PersonService(db, undo=undo)
        self.posts = PostService(db)
        self.relationships = RelationshipService(db)
        self.duplicates = DuplicateService(db)
        self.merge = MergeService(db, undo=undo)
        self.engagements = EngagementService(db, undo=undo)
        self.commitments = CommitmentService(db, undo=undo)
        self.calendar = CalendarService(db)
        self.cables = CableService(db, undo=undo)
        self.cable_workflow = CableWorkflow(db)
        self.cable_drafting = CableDrafting(db)
        self.cable_documents = CableDocuments(db)
        self.agreements = AgreementService(db, undo=undo)
        self.attachments = AttachmentStore(db)
        self.agreement_register = AgreementRegister(db)
        self.visits = VisitService(db, undo=undo)
        self.briefs = BriefService(db)
        self.tags = TagService(db, undo=undo)
        self.diplomatic_list = DiplomaticListService(db)
        self.reminders = ReminderService(db, today_sources())
        self.settings = SettingsService(db)
        self.contacts = ContactExchange(db)
        self.calendar_io = CalendarExchange(db)
        self.audit = AuditService(db)
        self.search = SearchService(db)

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
