"""The services of one open database, built once and handed to every page and form."""

from __future__ import annotations

from dataclasses import dataclass

from bilatdesk.services.agreements.attachments import AttachmentStore
from bilatdesk.services.agreements.register import AgreementRegister
from bilatdesk.services.agreements.service import AgreementService
from bilatdesk.services.cables.documents import CableDocuments
from bilatdesk.services.cables.service import CableService
from bilatdesk.services.cables.templates import CableDrafting
from bilatdesk.services.cables.workflow import CableWorkflow
from bilatdesk.services.corps.diplomatic_list import DiplomaticListService
from bilatdesk.services.countries.service import CountryService
from bilatdesk.services.engagements.commitments import CommitmentService
from bilatdesk.services.engagements.service import EngagementService
from bilatdesk.services.organisations.service import OrganisationService
from bilatdesk.services.people.duplicates import DuplicateService
from bilatdesk.services.people.merge import MergeService
from bilatdesk.services.people.posts import PostService
from bilatdesk.services.people.relationships import RelationshipService
from bilatdesk.services.people.service import PersonService
from bilatdesk.services.tags import TagService
from bilatdesk.services.visits.brief.assemble import BriefService
from bilatdesk.services.visits.service import VisitService
from bilatdesk.store.database import Database


@dataclass(frozen=True)
class Services:
    """Every service the UI calls, over one database."""

    db: Database
    countries: CountryService
    organisations: OrganisationService
    people: PersonService
    engagements: EngagementService
    cables: CableService
    cable_workflow: CableWorkflow
    cable_drafting: CableDrafting
    cable_documents: CableDocuments
    agreements: AgreementService
    attachments: AttachmentStore
    agreement_register: AgreementRegister
    visits: VisitService
    briefs: BriefService
    posts: PostService
    relationships: RelationshipService
    tags: TagService
    commitments: CommitmentService
    diplomatic_list: DiplomaticListService
    duplicates: DuplicateService
    merge: MergeService

    @classmethod
    def over(cls, db: Database) -> Services:
        return cls(
            db,
            CountryService(db),
            OrganisationService(db),
            PersonService(db),
            EngagementService(db),
            CableService(db),
            CableWorkflow(db),
            CableDrafting(db),
            CableDocuments(db),
            AgreementService(db),
            AttachmentStore(db),
            AgreementRegister(db),
            VisitService(db),
            BriefService(db),
            PostService(db),
            RelationshipService(db),
            TagService(db),
            CommitmentService(db),
            DiplomaticListService(db),
            DuplicateService(db),
            MergeService(db),
        )
