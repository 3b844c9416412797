"""Screening hits of a subject and their review by a handler.

The procedure engine screens the parties of a file (`screen_parties`) and, before the file may
proceed, asks `unreviewed_hits(subject)`: every hit needs a handler's decision (confirmed match or
false positive) with a motivation. A subject is a plain string key (e.g. "licence:42"), so this
module does not depend on the case model.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chancery.core import audit
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.strategic_goods.models import HitDecision, ScreeningHit
from chancery.strategic_goods.services.matching import country_code, screen

REVIEW_FIELDS = ["decision", "motivation", "reviewer", "reviewed_at"]


def screen_parties(subject: str, parties: Iterable[tuple[str, str]], *, actor=None, source: str | None = None):
    """Screen each (name, country) and record new hits for the subject; a hit already recorded for
    the same party and listed entry is kept with its review. Returns the subject's hits."""
    subject = (subject or "").strip()
    if not subject:
        raise ValidationError(_("A screening needs a subject."))
    with transaction.atomic():
        for name, country in parties:
            # The hit is recorded in the service's language, whoever screens; pages word a country
            # hit in their reader's language (`ScreeningHit.listed`).
            with translation.override(settings.LANGUAGE_CODE):
                matches = screen(name, country)
            for match in matches:
                hit, created = ScreeningHit.objects.get_or_create(
                    subject=subject,
                    party_name=name[:300],
                    list_id=match.list_id,
                    defaults={
                        "party_country": country_code(country),
                        "kind": match.kind,
                        "listed_name": match.listed_name[:300],
                        "score": match.score,
                    },
                )
                if created:
                    audit.record(
                        actor,
                        AuditAction.CREATE,
                        hit,
                        after=audit.snapshot(hit, ["subject", "party_name", "kind", "listed_name", "list_id", "score"]),
                        reason=_("Screening hit found"),
                        source=source,
                    )
    return ScreeningHit.objects.filter(subject=subject)


def review_hit(
    hit: ScreeningHit, reviewer, decision: str, motivation: str, *, source: str | None = None
) -> ScreeningHit:
    """Record a handler's decision on a hit. A decision is final: a second review is refused."""
    require(reviewer, "strategic_goods.review_hits")
    if decision not in HitDecision.values:
        raise ValidationError(_("Choose a decision: confirmed match or false positive."), code="decision")
    motivation = (motivation or "").strip()
    if not motivation:
        raise ValidationError(_("Give the motivation of the decision."), code="motivation")
    with transaction.atomic():
        locked = ScreeningHit.objects.select_for_update().get(pk=hit.pk)
        if locked.decision:
            raise ValidationError(_("This hit has already been reviewed."), code="reviewed")
        before = audit.snapshot(locked, REVIEW_FIELDS)
        locked.decision = decision
        locked.motivation = motivation
        locked.reviewer = reviewer
        locked.reviewed_at = timezone.now()
        try:
            locked.save(update_fields=REVIEW_FIELDS)
        except IntegrityError as exc:  # the database's check of a complete decision
            raise ValidationError(_("The review is incomplete.")) from exc
        audit.record(
            reviewer,
            AuditAction.STATE_CHANGE,
            locked,
            before=before,
            after=audit.snapshot(locked, REVIEW_FIELDS),
            reason=motivation,
            source=source,
        )
    return locked


def unreviewed_hits(subject: str):
    """The hits of the subject without a decision: the file may proceed only when there are none."""
    return ScreeningHit.objects.filter(subject=subject, decision="")


def require_reviewed(subject: str) -> None:
    """The guard in one call: a ValidationError (in Dutch) naming how many hits still await a
    handler's review, so that a transition of the file can be refused with it."""
    waiting = unreviewed_hits(subject).count()
    if waiting:
        raise ValidationError(
            ngettext(
                "%(count)s screening hit awaits a handler's review; the file cannot proceed until it is reviewed.",
                "%(count)s screening hits await a handler's review; the file cannot proceed until they are reviewed.",
                waiting,
            )
            % {"count": waiting},
            code="unreviewed_hits",
        )


def confirmed_hits(subject: str):
    return ScreeningHit.objects.filter(subject=subject, decision=HitDecision.CONFIRMED)
