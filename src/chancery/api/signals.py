"""The webhook outbox listens to every domain event (core.events), without knowing the apps."""

from django.dispatch import receiver

from chancery.api import webhooks
from chancery.core.signals import domain_event


@receiver(domain_event)
def to_outbox(sender, type, subject, data, **kwargs):  # noqa: A002 - the signal's argument
    webhooks.emit(type, subject, data)
