"""Who may see and change what in monitoring."""

from __future__ import annotations

from chancery.core.models import Role

EDITOR_ROLES = (Role.ADMIN, Role.SECRETARIAT, Role.CIVIL_SERVANT)


def may_view_dashboard(user) -> bool:
    """The board's dashboard: everyone inside the administration, and external experts read-only."""
    return bool(user.is_authenticated and user.is_active and (user.is_internal or user.role == Role.EXPERT))


def may_edit(user, initiative) -> bool:
    """The secretariat and administrators; the owner; civil servants of the lead or a participating
    entity. External experts never (read-only)."""
    if not (user.is_authenticated and user.is_active and user.role in EDITOR_ROLES):
        return False
    if user.role in (Role.ADMIN, Role.SECRETARIAT) or initiative.owner_id == user.pk:
        return True
    entities = {initiative.lead_entity_id, *initiative.participants.values_list("pk", flat=True)}
    return user.entity_id in entities
