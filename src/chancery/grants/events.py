"""The domain events the grant programmes emit (core.events), for integrators' webhooks."""

from django.utils.translation import gettext_lazy as _

from chancery.core.events import declare

CALL_PUBLISHED = declare("grants.call_published", _("Call for proposals published"))
GRANT_AWARDED = declare("grants.grant_awarded", _("Grant awarded"))

# --- The human rights prize ---------------------------------------------------------------------
PRIZE_NOMINATION_RECEIVED = declare(
    "grants.prize_nomination_received", _("Nomination for the human rights prize received")
)
PRIZE_LAUREATE_DECIDED = declare("grants.prize_laureate_decided", _("Laureate of the human rights prize decided"))
