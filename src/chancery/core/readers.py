"""Who reads core's models (the access registry, core.visibility)."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.core.models import (
    AuditEntry,
    DemoSeed,
    Document,
    DocumentVersion,
    Entity,
    ExternalIdentity,
    Mandatee,
    PendingUpload,
    Person,
    Rendition,
    SentForm,
    SharedCacheEntry,
    SignatureRequest,
    SigningCredential,
    SigningFlow,
    User,
)
from chancery.core.models.access import visibility_rule
from chancery.core.visibility import Condition, follows


def accounts(user) -> visibility.Rule:
    """The administration reads the accounts (to pick handlers and signers, to see who did what);
    anyone else only their own."""
    if may(user, "core.use_back_office"):
        return visibility.EVERYTHING
    if user is None or not user.is_authenticated:
        return visibility.NOTHING
    return ((Condition("pk", (user.pk,)),),)


def own(user) -> visibility.Rule:
    if user is None or not user.is_authenticated:
        return visibility.NOTHING
    return ((Condition("user", (user.pk,)),),)


def register() -> None:
    visibility.register(Document, visibility_rule)
    visibility.register(DocumentVersion, follows("document"))
    visibility.register(Rendition, follows("version"))
    visibility.register(SigningFlow, follows("document"))
    visibility.register(SignatureRequest, follows("flow"))
    visibility.register(SigningCredential, own)
    # The organisation chart and the Government's members are public.
    visibility.register(Entity, visibility.everyone)
    visibility.register(Person, visibility.everyone)
    visibility.register(Mandatee, visibility.everyone)
    visibility.register(User, accounts)
    # A file kept across a form shown again is its uploader's alone (core.pending).
    visibility.register(PendingUpload, own)
    # Who signs in through the identity provider: their own link, and the administrators' (admin).
    visibility.register(ExternalIdentity, own)
    visibility.exempt(AuditEntry, "read through its object's trail (core.read_audit_trail on the object)")
    visibility.exempt(DemoSeed, "the demo loader's bookkeeping")
    visibility.exempt(SharedCacheEntry, "the shared cache's table (rate-limit counts), read by Django's cache only")
    visibility.exempt(SentForm, "the create forms' bookkeeping (core.once), read only by its decorator")
