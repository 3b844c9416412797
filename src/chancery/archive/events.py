"""The domain events the archive emits (core.events)."""

from django.utils.translation import gettext_lazy as _

from chancery.core.events import declare

DESTRUCTION_PROPOSED = declare("archive.destruction_proposed", _("Destruction list proposed"))
DESTRUCTION_APPROVED = declare("archive.destruction_approved", _("Destruction list approved"))
DESTRUCTION_CARRIED_OUT = declare("archive.destruction_carried_out", _("Destruction list carried out"))
LEGAL_HOLD_PLACED = declare("archive.legal_hold_placed", _("Legal hold placed"))
LEGAL_HOLD_LIFTED = declare("archive.legal_hold_lifted", _("Legal hold lifted"))
PACKAGE_EXPORTED = declare("archive.package_exported", _("Archive package exported"))
