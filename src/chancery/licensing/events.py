"""The domain events licensing emits (core.events), for integrators' webhooks."""

from django.utils.translation import gettext_lazy as _

from chancery.core.events import declare

LICENCE_GRANTED = declare("licence.granted", _("Licence issued"))
