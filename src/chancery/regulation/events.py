"""The domain events regulation quality emits (core.events), for integrators' webhooks."""

from django.utils.translation import gettext_lazy as _

from chancery.core.events import declare

REGULATION_REGISTERED = declare("regulation.registered", _("Regulation registered"))
REGULATION_UPDATED = declare("regulation.updated", _("Regulation updated in the register"))
SIGNAL_PUBLISHED = declare("regulation.signal_published", _("Feedback signal published"))
SIGNAL_ANSWERED = declare("regulation.signal_answered", _("Feedback signals answered"))
