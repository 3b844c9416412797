"""Who applies, and who may act for them: parties (a company or organisation, or a person) and the
representations through which a user of the counter acts for an organisation.

An organisation is known by its enterprise number; what a user types as its name proves nothing.
So every filing for an organisation, at the counter or on the licence pages, goes through
`acting_party` (a new filing) or `require_representation` (a filing on something the organisation
already has): the user must hold a representation in force for it, registered by the service
(`grant`, audited) on its own knowledge or on an extract of the enterprise register (KBO). The
refusal is one generic message, the same whether the organisation is known or not, so that it never
names another company, nor tells that it exists or what it has registered."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core import services as core_services
from chancery.core.authz import may, require
from chancery.core.models import AccessLevel, AuditAction, DocumentKind
from chancery.procedures.models import Party, PartyKind, Representation, RepresentationBasis

REPRESENTATION_AUDIT_FIELDS = ("user", "party", "basis", "extract", "valid_from", "valid_until")


def not_represented() -> ValidationError:
    """The one refusal: names nobody, and reads the same for a company that exists and one that
    does not."""
    return ValidationError(
        {"registration_number": _(
            "You are not registered as a representative of this organisation, so you cannot act for it at the "
            "counter. The service registers who may act for a company, on the basis of an extract of the "
            "enterprise register (KBO) that names you; ask it to register you."
        )},
        code="not_represented",
    )  # fmt: skip


def find_or_create_party(fields: dict) -> Party:
    """An organisation is found by its registration number (and country); persons are not merged.
    For the service's own records (a prior authorisation, a representation): a filing by a user of
    the counter takes its party from `acting_party`."""
    party = Party(**fields)
    party.full_clean(exclude=["created_at"])
    if party.kind == PartyKind.ORGANISATION:
        existing = Party.objects.filter(
            kind=PartyKind.ORGANISATION, registration_number=party.registration_number, country=party.country
        ).first()
        if existing:
            return existing
    party.save()
    return party


def represents(user, party: Party, on: datetime.date | None = None) -> bool:
    if not (user is not None and user.is_authenticated and user.is_active):
        return False
    return Representation.objects.in_force(on).filter(user=user, party=party).exists()


def require_representation(user, party: Party, on: datetime.date | None = None) -> None:
    """The check of every act at the counter for an organisation: a representation in force. A
    natural person acts for themselves."""
    if party.kind == PartyKind.ORGANISATION and not represents(user, party, on):
        raise not_represented()


def acting_party(user, fields: dict) -> Party:
    """The party a user of the counter files for, from what their form says. An organisation must be
    one they represent (found by enterprise number and country; the name typed is not what
    identifies it, the registered one stands); a person is recorded as typed."""
    if not (user is not None and user.is_authenticated and user.is_active):
        raise PermissionDenied(_("Log in first."))
    candidate = Party(**fields)
    candidate.full_clean(exclude=["created_at"])
    if candidate.kind != PartyKind.ORGANISATION:
        candidate.save()
        return candidate
    party = Party.objects.filter(
        kind=PartyKind.ORGANISATION, registration_number=candidate.registration_number, country=candidate.country
    ).first()
    if party is None:
        raise not_represented()
    require_representation(user, party)
    return party


def represented_by(user):
    """The representations in force of a user of the counter (the organisations they may file for)."""
    return Representation.objects.in_force().filter(user=user).select_related("party")


# --- the service registers and ends representations ---------------------------------------------


@transaction.atomic
def grant(
    actor,
    *,
    user,
    party: Party | dict,
    basis: str,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    extract=None,
    reason: str = "",
    source: str | None = None,
) -> Representation:
    """The service registers that `user` may act for the organisation `party`: on its own knowledge
    (`granted`) or on the extract of the enterprise register that names them (`register_extract`,
    the uploaded extract kept as a document of the administration)."""
    require(actor, "procedures.manage_representations")
    if not may(user, "procedures.apply"):
        raise ValidationError({"user": _("Only a user of the counter (an applicant) represents an organisation.")})
    if basis not in RepresentationBasis.values:
        raise ValidationError({"basis": _("Choose on what the representation rests.")})
    if basis == RepresentationBasis.REGISTER_EXTRACT and extract is None:
        raise ValidationError({"extract": _("Add the extract of the enterprise register that names the person.")})
    valid_from = valid_from or timezone.localdate()
    if valid_until is not None and valid_until < valid_from:
        raise ValidationError({"valid_until": _("The validity ends before it starts.")})
    party = party if isinstance(party, Party) else find_or_create_party(party)
    if party.kind != PartyKind.ORGANISATION:
        raise ValidationError(_("A representation is for a company or organisation; a person acts for themselves."))
    if Representation.objects.filter(user=user, party=party, revoked_at__isnull=True).exists():
        raise ValidationError(
            _("%(user)s already represents %(party)s; revoke that representation first to change it.")
            % {"user": user.display_name, "party": party.name}
        )
    document = None
    if basis == RepresentationBasis.REGISTER_EXTRACT:
        # Kept for the service: the extract is the proof of the mandate (KBO data is public anyway).
        document = core_services.create_document(
            actor,
            title=_("Extract of the enterprise register: %(party)s") % {"party": party.name},
            upload=extract,
            kind=DocumentKind.ANNEX,
            access_level=AccessLevel.INTERNAL_GOVERNMENT,
            released=True,
            source=source,
        )
    representation = Representation.objects.create(
        user=user, party=party, basis=basis, extract=document, valid_from=valid_from, valid_until=valid_until,
        granted_by=actor,
    )  # fmt: skip
    audit.record(
        actor,
        AuditAction.CREATE,
        representation,
        after=audit.snapshot(representation, REPRESENTATION_AUDIT_FIELDS),
        reason=reason,
        source=source,
    )
    return representation


@transaction.atomic
def revoke(actor, representation: Representation, *, reason: str, source: str | None = None) -> Representation:
    """The representation ends now; the row stays, with who ended it and why."""
    require(actor, "procedures.manage_representations")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason of the revocation.")})
    locked = Representation.objects.select_for_update().get(pk=representation.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("This representation was revoked already."))
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.revocation_reason = reason
    locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    audit.record(
        actor, AuditAction.UPDATE, locked, before={"revoked_at": None},
        after={"revoked_at": audit.jsonable(locked.revoked_at)}, reason=reason, source=source,
    )  # fmt: skip
    return locked
