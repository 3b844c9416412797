"""Who may do what, beyond seeing (seeing is models.access's `visible_to`)."""

from __future__ import annotations

from collections.abc import Callable

from chancery.core.models import AccessLevel, Document, Role
from chancery.core.models.access import NAMEABLE_LEVELS
from chancery.core.models.organisation import INTERNAL_ROLES

UPLOAD_ROLES = INTERNAL_ROLES

# Other modules may restrict editing documents they use (e.g. decisions: once an agenda is
# approved, only the secretariat changes its documents). A guard returns False to refuse.
_document_edit_guards: list[Callable[[object, Document], bool]] = []


def register_document_edit_guard(guard: Callable[[object, Document], bool]) -> None:
    if guard not in _document_edit_guards:
        _document_edit_guards.append(guard)


def can_upload(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in UPLOAD_ROLES


def assignable_levels(user) -> list[AccessLevel]:
    """The levels a user may give a document. Internal secretariat is the secretariat's own; any
    other level is fine because the author is named on what they upload (services._own_grants)."""
    if not can_upload(user):
        return []
    if user.role in (Role.SECRETARIAT, Role.ADMIN):
        return list(AccessLevel)
    return list(NAMEABLE_LEVELS)


def can_edit_document(user, document: Document) -> bool:
    """Add versions, change the level: the secretariat, the uploader, and the owning entity."""
    if not can_upload(user) or not document.is_visible_to(user):
        return False
    if user.role in (Role.SECRETARIAT, Role.ADMIN):
        return True
    if not all(guard(user, document) for guard in _document_edit_guards):
        return False
    return document.created_by_id == user.pk or (
        user.entity_id is not None and document.owner_entity_id == user.entity_id
    )


def can_release(user) -> bool:
    """Releasing to the public is the secretariat's act (Kaleidos: "Beslissingen vrijgeven")."""
    return user.is_authenticated and user.is_active and user.role in (Role.SECRETARIAT, Role.ADMIN)
