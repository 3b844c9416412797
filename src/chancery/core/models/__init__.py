"""Core data: organisation, confidentiality, audit trail and the document store."""

from chancery.core.models.access import AccessLevel, Confidential, ConfidentialQuerySet, ReleaseState
from chancery.core.models.audit import AuditAction, AuditEntry
from chancery.core.models.cache import SharedCacheEntry
from chancery.core.models.demo import DemoSeed
from chancery.core.models.documents import (
    Document,
    DocumentKind,
    DocumentVersion,
    ExtractionState,
    FileFormat,
)
from chancery.core.models.forms import PendingUpload, SentForm
from chancery.core.models.organisation import Entity, EntityKind, Mandatee, Person, Role, User
from chancery.core.models.rendition import Rendition, RenditionState
from chancery.core.models.signing import FlowState, RequestState, SignatureRequest, SigningCredential, SigningFlow
from chancery.core.models.sso import ExternalIdentity

__all__ = [
    "AccessLevel",
    "AuditAction",
    "AuditEntry",
    "Confidential",
    "DemoSeed",
    "ConfidentialQuerySet",
    "Document",
    "DocumentKind",
    "DocumentVersion",
    "Entity",
    "EntityKind",
    "ExternalIdentity",
    "ExtractionState",
    "FileFormat",
    "FlowState",
    "Mandatee",
    "Person",
    "ReleaseState",
    "Rendition",
    "RenditionState",
    "RequestState",
    "Role",
    "SharedCacheEntry",
    "PendingUpload",
    "SentForm",
    "SignatureRequest",
    "SigningCredential",
    "SigningFlow",
    "User",
]
