"""The domain events the procedure engine emits (core.events), for integrators' webhooks: a case
moved to another state (an applicant's application is told about its own files)."""

from django.utils.translation import gettext_lazy as _

from chancery.core.events import declare

CASE_TRANSITIONED = declare("case.transitioned", _("Case moved to another state"))
