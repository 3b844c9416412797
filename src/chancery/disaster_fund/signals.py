"""The disaster fund listens to decision-making: the publication of a recognition decision in the
Belgisch Staatsblad opens the claim window (services.recognitions.record_publication), inside the
publication's transaction."""

from django.dispatch import receiver

from chancery.decisions.signals import publication_date_set
from chancery.disaster_fund.services.recognitions import record_publication


@receiver(publication_date_set, dispatch_uid="disaster_fund.recognition_published")
def on_publication_date_set(sender, publication, **kwargs):
    record_publication(publication)
