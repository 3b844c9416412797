"""Building the tree: ambitions, their programmes, their projects."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.monitoring.models import PARENT_LEVEL, Initiative, Level

FIELDS = ("level", "parent", "code", "title", "summary", "lead_entity", "priority", "regions", "public")


def check_place(level: str, parent: Initiative | None) -> None:
    """A project belongs to a programme, a programme to a core ambition, an ambition to nothing."""
    level = Level(level)
    expected = PARENT_LEVEL[level]
    if (parent.level if parent else None) != expected:
        raise ValidationError(
            {
                "parent": _("A %(level)s belongs to a %(parent)s.")
                % {"level": level.label, "parent": Level(expected).label}
            }
            if expected
            else {"parent": _("A core ambition is not part of anything.")},
            code="level",
        )


@transaction.atomic
def create_initiative(actor, *, level: str, parent: Initiative | None = None, **fields) -> Initiative:
    require(actor, "monitoring.plan")
    check_place(level, parent)
    level = Level(level)
    participants = fields.pop("participants", [])
    themes = fields.pop("themes", [])
    dossiers = fields.pop("dossiers", [])
    initiative = Initiative(level=level, parent=parent, **fields)
    if Initiative.objects.filter(code=initiative.code).exists():
        raise ValidationError({"code": _("The code %(code)s is taken.") % {"code": initiative.code}}, code="code")
    initiative.full_clean()
    initiative.save()
    initiative.participants.set(participants)
    initiative.themes.set(themes)
    initiative.dossiers.set(dossiers)
    audit.record(actor, AuditAction.CREATE, initiative, after=audit.snapshot(initiative, FIELDS))
    return initiative


def subtree(initiative: Initiative) -> list[Initiative]:
    """The initiative and everything under it (three levels: two queries at most)."""
    nodes = [initiative]
    frontier = [initiative.pk]
    while frontier:
        children = list(Initiative.objects.filter(parent__in=frontier))
        nodes += children
        frontier = [child.pk for child in children]
    return nodes
