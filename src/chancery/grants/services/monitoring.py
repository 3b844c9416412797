"""The monitoring roll-up (issue 15, capability 1): a programme's yearly envelopes (planned /
committed / paid) are the budget of the monitoring initiative it carries out
(`Programme.monitoring_initiative`). They reach monitoring through core.budgets: monitoring asks,
this module reads the envelopes at that moment. Nothing is copied, so a commitment
(services.programmes.commit) shows in monitoring's roll-ups at once and the two never differ."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chancery.core import audit, budgets
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.grants.models import Envelope, Programme


def _euro(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def envelope_figures(codes: list[str], years: list[int] | None) -> list[budgets.Figures]:
    """The envelopes of the programmes linked to these initiatives, as their budget (one query)."""
    envelopes = Envelope.objects.filter(programme__monitoring_initiative__in=codes).select_related("programme")
    if years is not None:
        envelopes = envelopes.filter(year__in=years)
    return [
        budgets.Figures(
            initiative=envelope.programme.monitoring_initiative, year=envelope.year,
            planned=_euro(envelope.planned_cents), committed=_euro(envelope.committed_cents),
            spent=_euro(envelope.paid_cents),
            source=_("envelope of %(programme)s") % {"programme": envelope.programme.name},
        )
        for envelope in envelopes.order_by("year", "programme__code")
    ]  # fmt: skip


@transaction.atomic
def link_initiative(actor, programme: Programme, code: str, *, source: str | None = None) -> Programme:
    """Say which monitoring initiative (its code) the programme carries out; "" unlinks it. One
    initiative has at most one programme, so its budget has one source."""
    require(actor, "grants.handle", message=_("You may not change the grant programmes."))
    code = (code or "").strip()
    if len(code) > 40 or not re.fullmatch(r"[-a-zA-Z0-9_]*", code):
        raise ValidationError(_("An initiative's code has at most 40 letters, digits, hyphens or underscores."))
    if code and Programme.objects.filter(monitoring_initiative=code).exclude(pk=programme.pk).exists():
        raise ValidationError(
            _("The initiative %(code)s already has its budget from another programme.") % {"code": code}
        )
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.monitoring_initiative == code:
        return programme
    before = audit.snapshot(programme, ["monitoring_initiative"])
    programme.monitoring_initiative = code
    programme.save(update_fields=["monitoring_initiative"])
    audit.record(actor, AuditAction.UPDATE, programme, before=before,
                 after=audit.snapshot(programme, ["monitoring_initiative"]), source=source)  # fmt: skip
    return programme
