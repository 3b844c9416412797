"""What the privacy module lets whom do (core.authz). The data protection officer (functionaris
voor gegevensbescherming) and the administrators keep the register and handle data subjects'
requests; everyone reads the privacy statement."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.permissions import ADMINISTRATORS, DATA_PROTECTION, only

declare(
    "privacy.view_register",
    only(DATA_PROTECTION | ADMINISTRATORS),
    _("The register of processing is for the data protection officer."),
)
declare(
    "privacy.handle_requests",
    only(DATA_PROTECTION | ADMINISTRATORS),
    _("Only the data protection officer handles requests of data subjects."),
)
