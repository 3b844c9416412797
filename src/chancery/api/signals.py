"""The webhook outbox listens to the modules' events (sent inside their transactions)."""

from django.dispatch import receiver

from chancery.api import webhooks
from chancery.api.models import EventType
from chancery.core.signals import document_version_added
from chancery.decisions.signals import decision_corrected, publication_date_set, release_performed


@receiver(release_performed)
def on_release(sender, release, **kwargs):
    event = EventType.MEETING_RELEASED if release.scope == "decisions" else EventType.DOCUMENTS_RELEASED
    webhooks.emit(
        event,
        release,
        {"meeting": webhooks.api_url("api:meeting-detail", release.meeting_id), "released": release.released_count},
    )


@receiver(decision_corrected)
def on_correction(sender, decision, **kwargs):
    webhooks.emit(
        EventType.DECISION_CORRECTED,
        decision,
        {"decision": webhooks.api_url("api:decision-detail", decision.pk), "version": decision.version},
    )


@receiver(document_version_added)
def on_version(sender, version, **kwargs):
    webhooks.emit(
        EventType.DOCUMENT_VERSION_ADDED,
        version,
        {"document": webhooks.api_url("api:document-detail", version.document_id), "version": version.number},
    )


@receiver(publication_date_set)
def on_publication_date(sender, publication, **kwargs):
    webhooks.emit(
        EventType.PUBLICATION_DATE_SET,
        publication,
        {
            "number": publication.number,
            "planned_date": publication.planned_date.isoformat() if publication.planned_date else None,
            "published_on": publication.published_on.isoformat() if publication.published_on else None,
        },
    )
