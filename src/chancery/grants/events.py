"""The domain events the grant programmes emit (core.events), for integrators' webhooks."""

from django.utils.translation import gettext_lazy as _

from chancery.core.events import declare

CALL_PUBLISHED = declare("grants.call_published", _("Call for proposals published"))
GRANT_AWARDED = declare("grants.grant_awarded", _("Grant awarded"))
