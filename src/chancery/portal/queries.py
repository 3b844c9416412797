"""What the public side shows, always through the confidentiality layer (released and public only,
for an anonymous reader; more for a logged-in reader who may see more)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.urls import reverse

from chancery.core.models import Document
from chancery.core.models.access import visibility_q
from chancery.decisions.models import AgendaItem, Decision, Dossier, ItemDocument, Meeting, Theme


def visible_final_items(user):
    return AgendaItem.objects.visible_to(user).filter(agenda__is_final=True, carried_over=False)


def meetings_with_decisions(user):
    """Meetings of which the reader may see at least one decided item of the final agenda."""
    decided = visible_final_items(user).filter(agenda__meeting=OuterRef("pk"), decisions__isnull=False)
    return Meeting.objects.filter(Exists(decided)).order_by("-starts_at")


def meeting_items(meeting: Meeting, user, lineage=None):
    """The decided items of a meeting the reader may see, with what the page shows of each. The
    rule is applied through each row's own columns (visibility_q with a prefix) rather than as a
    list of every visible document or dossier, so that the cost follows the meeting, not the archive."""
    items = list(
        visible_final_items(user)
        .filter(agenda__meeting=meeting, decisions__isnull=False, **({"lineage": lineage} if lineage else {}))
        .distinct()
        .order_by("kind_order", "number")
        .select_related("press_summary", "step__dossier", "agenda__meeting")
        .prefetch_related(
            "mandatees__person",
            "step__dossier__themes",
            Prefetch("decisions", queryset=Decision.objects.order_by("-version")),
            Prefetch(
                "item_documents",
                queryset=ItemDocument.objects.filter(visibility_q(user, Document, "document__")).select_related(
                    "document"
                ),
                to_attr="public_documents",
            ),
        )
    )
    wanted = {item.step.dossier_id for item in items if item.step_id}
    dossiers = (
        set(Dossier.objects.visible_to(user).filter(pk__in=wanted).values_list("pk", flat=True)) if wanted else set()
    )
    for item in items:
        # Link to the dossier only where the reader may see it.
        item.visible_dossier = item.step.dossier if item.step_id and item.step.dossier_id in dossiers else None
        yield item


def _decided_list(items):
    return (
        items.filter(decisions__isnull=False)
        .distinct()
        .select_related("agenda__meeting")
        .prefetch_related(Prefetch("decisions", queryset=Decision.objects.order_by("-version")))
        .order_by("-agenda__meeting__starts_at", "kind_order", "number")
    )


def decisions_of_theme(theme, user):
    """Released (for this reader: visible) decided items whose dossier the reader may see has the theme."""
    dossiers = Dossier.objects.visible_to(user).filter(themes=theme)
    return _decided_list(visible_final_items(user).filter(step__dossier__in=dossiers))


def themes_with_counts(user) -> list[tuple]:
    """Every theme with at least one decision the reader may see, and how many, by name."""
    dossiers = Dossier.objects.visible_to(user)
    counts = dict(
        visible_final_items(user)
        .filter(decisions__isnull=False, step__dossier__in=dossiers, step__dossier__themes__isnull=False)
        .values_list("step__dossier__themes")
        .annotate(n=Count("pk", distinct=True))
    )
    return [(theme, counts[theme.pk]) for theme in Theme.objects.filter(pk__in=counts)]


def decisions_of_minister(mandatee, user):
    """Released (for this reader: visible) decided items a minister submitted, newest first."""
    return _decided_list(visible_final_items(user).filter(mandatees=mandatee))


def decision_path(item: AgendaItem, route=reverse) -> str:
    """The permalink (path) of a decided item of a final agenda: its page and its linked data.
    `route` reverses it (the API's lists pass theirs, which reverses each route once per answer)."""
    return route("portal:decision", args=[item.agenda.meeting.uuid, item.lineage])
