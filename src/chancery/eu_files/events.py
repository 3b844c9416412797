"""The EU files' domain events (core.events)."""

from django.utils.translation import gettext_lazy as _

from chancery.core.events import declare

POSITION_APPROVED = declare("eu_files.position_approved", _("Flemish position approved"))
OUTCOME_ESCALATED = declare("eu_files.outcome_escalated", _("EU file escalated to the interministerial conference"))
