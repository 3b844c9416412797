"""The domain events the disaster fund emits (core.events), for integrators' webhooks."""

from django.utils.translation import gettext_lazy as _

from chancery.core.events import declare

RECOGNITION_PUBLISHED = declare("disaster.recognition_published", _("Disaster recognition published"))
RECOGNITION_REJECTED = declare("disaster.recognition_rejected", _("Disaster not recognised by the Government"))
