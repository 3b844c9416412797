"""Core's actions and the role groups every app's permissions.py builds on (core.authz).

The groups are the one place a role is spelled: "the secretariat" always includes the
administrators, "the council" is ministers and their cabinets, "the administration" every role
inside government. Seeing is the access registry's business (core.visibility); these decide what
a user may do."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare, may
from chancery.core.models import AccessLevel, Document
from chancery.core.models.access import NAMEABLE_LEVELS
from chancery.core.models.organisation import Role

SECRETARIAT = frozenset({Role.ADMIN, Role.SECRETARIAT})
COUNCIL = frozenset({Role.MINISTER, Role.CABINET})
# Roles inside the administration; the others are outsiders with an account.
ADMINISTRATION = frozenset({Role.ADMIN, Role.SECRETARIAT, Role.MINISTER, Role.CABINET, Role.CIVIL_SERVANT})
CIVIL_SERVICE = frozenset({Role.CIVIL_SERVANT})
# The staff who run the administration's own work (registers, screening, programmes): the
# secretariat, administrators and civil servants, not the political level.
STAFF = SECRETARIAT | CIVIL_SERVICE
EXPERTS = frozenset({Role.EXPERT})
APPLICANTS = frozenset({Role.APPLICANT})
ADMINISTRATORS = frozenset({Role.ADMIN})
# The archive service (Archiefdecreet: the body's archive manager): destruction lists, legal holds,
# archive packages (chancery.archive.permissions).
ARCHIVISTS = frozenset({Role.ARCHIVIST})
# The data protection officer (GDPR art. 37-39): outside the administration's files, reading
# personal data only through the privacy module's requests, which are audited.
DATA_PROTECTION = frozenset({Role.DPO})


def has_role(user, roles) -> bool:
    """An active, logged-in user with one of `roles` (anonymous visitors have none)."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.role in roles)


def only(roles) -> Callable:
    """An action's check: the user has one of `roles`, whatever the object."""

    def check(user, obj=None) -> bool:
        return has_role(user, roles)

    return check


def in_secretariat(user, obj=None) -> bool:
    return has_role(user, SECRETARIAT)


def in_council(user, obj=None) -> bool:
    return has_role(user, COUNCIL)


def in_administration(user, obj=None) -> bool:
    return has_role(user, ADMINISTRATION)


def is_civil_servant(user, obj=None) -> bool:
    return has_role(user, CIVIL_SERVICE)


def is_outsider(user, obj=None) -> bool:
    """Logged in, but not part of the administration (experts, applicants)."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.role not in ADMINISTRATION)


# Other modules may restrict editing documents they use (e.g. decisions: once an agenda is
# approved, only the secretariat changes its documents). A guard returns False to refuse.
_document_edit_guards: list[Callable[[object, Document], bool]] = []


def register_document_edit_guard(guard: Callable[[object, Document], bool]) -> None:
    if guard not in _document_edit_guards:
        _document_edit_guards.append(guard)


def _edit_document(user, document: Document) -> bool:
    """Add versions, change the level: the secretariat, the uploader, and the owning entity."""
    if not in_administration(user) or not document.is_visible_to(user):
        return False
    if in_secretariat(user):
        return True
    if not all(guard(user, document) for guard in _document_edit_guards):
        return False
    return document.created_by_id == user.pk or (
        user.entity_id is not None and document.owner_entity_id == user.entity_id
    )


def _read_trail(user, obj) -> bool:
    """The trail is for the administration: internal users who may see the object itself."""
    if not in_administration(user):
        return False
    is_visible_to = getattr(obj, "is_visible_to", None)
    return is_visible_to(user) if is_visible_to is not None else True


def assignable_levels(user) -> list[AccessLevel]:
    """The levels a user may give a document. Internal secretariat is the secretariat's own; any
    other level is fine because the author is named on what they upload (services._own_grants)."""
    if not may(user, "core.upload_document"):
        return []
    if may(user, "core.give_secretariat_level"):
        return list(AccessLevel)
    return list(NAMEABLE_LEVELS)


def grants_itself_everything(user) -> bool:
    """Whether an author needs no grant on what they create (they see every level anyway)."""
    return in_secretariat(user)


def acts_for_concerned_members(user) -> bool:
    """Whether an author's own government member is concerned by a confidential item they make."""
    return in_council(user)


declare("core.use_back_office", in_administration, _("This part is for the administration."))
declare("core.upload_document", in_administration, _("You may not upload documents."))
declare("core.edit_document", _edit_document, _("You may not change this document."))
declare("core.give_secretariat_level", in_secretariat)
# Releasing to the public is the secretariat's act (Kaleidos: "Beslissingen vrijgeven").
declare("core.release", in_secretariat, _("Only the secretariat may plan or release."))
declare("core.start_signing_flow", in_secretariat, _("Only the secretariat starts a signing flow."))
# Whoever may start a flow may stop one (a wrong document or signer, a decision taken back).
declare("core.cancel_signing_flow", in_secretariat, _("Only the secretariat cancels a signing flow."))
# Enrolling a signer vouches for their certificate: the administrators' act (admin, command).
declare("core.enrol_signer", only(ADMINISTRATORS), _("Only an administrator enrols signers."))
declare("core.read_audit_trail", _read_trail)
declare("core.administer", only(ADMINISTRATORS))
declare("core.sign", lambda user, obj: hasattr(user, "signing_credential"))
# The audiences of the confidentiality rule (core.models.access.visibility_rule).
declare("core.read_every_level", in_secretariat)
declare("core.read_council_levels", in_council)
declare("core.read_released_government_papers", is_civil_servant)
