"""The services of one open database, built once and handed to every page and form."""

from __future__ import annotations

from dataclasses import dataclass

from bilatdesk.services.agreement_register import AgreementRegister
from bilatdesk.services.agreements import AgreementService
from bilatdesk.services.attachments import AttachmentStore
from bilatdesk.services.briefs import BriefService
from bilatdesk.services.cable_documents import CableDocuments
from bilatdesk.services.cable_templates import CableDrafting
from bilatdesk.services.cable_workflow import CableWorkflow
from bilatdesk.services.cables import CableService
from bilatdesk.services.commitments import CommitmentService
from bilatdesk.services.countries import CountryService
from bilatdesk.services.diplomatic_list import DiplomaticListService
from bilatdesk.services.duplicates import DuplicateService
from bilatdesk.services.engagements import EngagementService
from bilatdesk.services.merge import MergeService
from bilatdesk.services.organisations import OrganisationService
from bilatdesk.services.people import PersonService
from bilatdesk.services.posts import PostService
from bilatdesk.services.relationships import RelationshipService
from bilatdesk.services.tags import TagService
from bilatdesk.services.visits import VisitService
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
