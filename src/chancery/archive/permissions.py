"""The archive's actions (core.authz). The archivist (archivaris) proposes, approves and carries
out destruction lists and exports archive packages; the secretariat reads the archive's pages and
may place a legal hold (a hold only keeps things). Four eyes: the archivist who asked for a list is
not the one who approves it (services.destruction.approve)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.models import AccessLevel
from chancery.core.permissions import ARCHIVISTS, SECRETARIAT, has_role, only

# What the archivist never exports unless the confidentiality rule lets them read it.
NOT_FOR_THE_ARCHIVIST = frozenset({AccessLevel.CONFIDENTIAL, AccessLevel.INTERNAL_SECRETARIAT})


def _export(user, record=None) -> bool:
    """A closed file goes into an archive package by the archivist or the secretariat; a
    confidential one (or the secretariat's own) only by whoever may read it."""
    if not has_role(user, ARCHIVISTS | SECRETARIAT):
        return False
    if record is None or getattr(record, "access_level", None) not in NOT_FOR_THE_ARCHIVIST:
        return True
    return record.is_visible_to(user)


declare("archive.view", only(ARCHIVISTS | SECRETARIAT), _("The archive is for the archivists."))
declare("archive.propose_destruction", only(ARCHIVISTS), _("Only an archivist proposes a destruction list."))
declare("archive.approve_destruction", only(ARCHIVISTS), _("Only an archivist approves a destruction list."))
declare("archive.carry_out_destruction", only(ARCHIVISTS), _("Only an archivist carries out a destruction list."))
declare("archive.place_legal_hold", only(ARCHIVISTS | SECRETARIAT), _("You may not place a legal hold."))
declare("archive.lift_legal_hold", only(ARCHIVISTS), _("Only an archivist lifts a legal hold."))
declare("archive.export", _export, _("You may not export this file to an archive package."))
