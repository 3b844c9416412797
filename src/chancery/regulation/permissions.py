"""What regulation quality lets whom do (core.authz). The staff (secretariat, administrators, civil
servants) keep the register and its burden calculations; whoever prepares a dossier in the
administration (cabinets included) marks it as a draft regulation and attaches its ex-ante
calculation, on a dossier they may see."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.permissions import STAFF, in_administration, only


def _prepare_draft(user, dossier=None) -> bool:
    return in_administration(user) and (dossier is None or dossier.is_visible_to(user))


declare("regulation.read_back_office", in_administration, _("The register's back office is for the administration."))
declare("regulation.keep_register", only(STAFF), _("Only the administration keeps the register of regulations."))
declare(
    "regulation.prepare_draft",
    _prepare_draft,
    _("Only the administration prepares draft regulations and their burden calculations."),
)
declare(
    "regulation.moderate_feedback",
    only(STAFF),
    _("Only the administration's staff moderates and answers the signals of the feedback panel."),
)
declare(
    "regulation.make_state_report",
    only(STAFF),
    _("Only the administration's staff makes the State of Regulation."),
)
