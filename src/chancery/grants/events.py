"""The domain events the grant programmes emit (core.events), for integrators' webhooks."""

from django.utils.translation import gettext_lazy as _

from chancery.core.events import declare

CALL_PUBLISHED = declare("grants.call_published", _("Call for proposals published"))
GRANT_AWARDED = declare("grants.grant_awarded", _("Grant awarded"))

# Payments in tranches and reports (issue 15, capabilities 5 and 6).
TRANCHE_PAID = declare("grants.tranche_paid", _("Grant tranche paid"))
REPORT_SUBMITTED = declare("grants.report_submitted", _("Grant report submitted"))
REPORT_DECIDED = declare("grants.report_decided", _("Grant report assessed"))
RECOVERY_ORDERED = declare("grants.recovery_ordered", _("Recovery of a grant ordered"))
