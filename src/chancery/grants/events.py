"""The domain events the grant programmes emit (core.events), for integrators' webhooks."""

from django.utils.translation import gettext_lazy as _

from chancery.core.events import declare

CALL_PUBLISHED = declare("grants.call_published", _("Call for proposals published"))
GRANT_AWARDED = declare("grants.grant_awarded", _("Grant awarded"))

# The decision by the Government and the humanitarian fast track (issue 15, §4 and §7).
GRANT_PROPOSED = declare("grants.grant_proposed", _("Grant proposed to the Government"))
GRANT_SUBMITTED_TO_GOVERNMENT = declare("grants.grant_submitted", _("Grant proposal submitted for a meeting"))
EMERGENCY_ALLOCATED = declare("grants.emergency_allocated", _("Humanitarian emergency allocation decided"))
# --- The human rights prize ---------------------------------------------------------------------
PRIZE_NOMINATION_RECEIVED = declare(
    "grants.prize_nomination_received", _("Nomination for the human rights prize received")
)
PRIZE_LAUREATE_DECIDED = declare("grants.prize_laureate_decided", _("Laureate of the human rights prize decided"))
# Payments in tranches and reports (issue 15, capabilities 5 and 6).
TRANCHE_PAID = declare("grants.tranche_paid", _("Grant tranche paid"))
REPORT_SUBMITTED = declare("grants.report_submitted", _("Grant report submitted"))
REPORT_DECIDED = declare("grants.report_decided", _("Grant report assessed"))
RECOVERY_ORDERED = declare("grants.recovery_ordered", _("Recovery of a grant ordered"))
