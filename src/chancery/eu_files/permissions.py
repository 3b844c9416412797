"""What the EU files let whom do (core.authz). The administration (civil servants, cabinets,
secretariat) reads the files, the positions and the coordination; the staff (civil servants,
secretariat) keep them; a minister's office (or the secretariat) approves a position that needs
no decision of the Government, and submits one that does."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.permissions import COUNCIL, SECRETARIAT, STAFF, in_administration, only

declare("eu_files.read", in_administration, _("The EU files are for the administration."))
declare("eu_files.keep", only(STAFF), _("Only the administration keeps the EU files."))
declare(
    "eu_files.approve_position",
    only(COUNCIL | SECRETARIAT),
    _("Only a minister's office approves a Flemish position or submits it to the Government."),
)
