"""What the licensing of strategic goods processes of persons (the register of processing,
core.personal_data): the files of licence applications (CSG, and prior authorisations VM) and the
licences issued to a holder who is a natural person."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.personal_data import ACCOUNT, PARTY, Activity, Holding, declare
from chancery.licensing.procedure import CODE as PRIOR_AUTHORISATION
from chancery.strategic_goods.procedure import CODE as STRATEGIC_GOODS

KEPT = _(
    "Licence files and licences are kept by law: the arms trade decree of 15 June 2012 and Regulation (EU) "
    "2021/821 (art. 27) oblige the authority to keep them (GDPR art. 17(3)(b))."
)

LICENCES = declare(
    Activity(
        code="licensing.licences",
        app="licensing",
        name=_("Licences for strategic goods"),
        purpose=_(
            "Deciding on applications to export, transfer or transit strategic goods, and keeping the licences issued."
        ),
        legal_basis=_("GDPR art. 6(1)(c): the arms trade decree of 15 June 2012 and Regulation (EU) 2021/821."),
        subjects=(_("licence applicants"), _("licence holders")),
        categories=(
            _("name"),
            _("address"),
            _("e-mail address"),
            _("the goods, destinations and end users applied for"),
        ),
        recipients=(
            _("the licensing service"),
            _("advisers (Foreign Affairs, other Member States where the law asks)"),
        ),
        retention=_(
            "Kept as the law obliges: licences and their files at least five years after the licence ends "
            "(Regulation (EU) 2021/821 art. 27)."
        ),
        security=_(
            "Files are confidential by the access registry; each read of a document and each change is audited."
        ),
        holdings=(
            Holding(
                model="procedures.Case",
                subject=_("licence applicant"),
                fields=("reference", "procedure", "title", "state", "created_at", "submitted_at", "closed_at", "data"),
                through={PARTY: "applicant", ACCOUNT: "applicant_user"},
                scope={"procedure__in": (STRATEGIC_GOODS, PRIOR_AUTHORISATION)},
                kept=KEPT,
                describe=lambda case: case.reference,
            ),
            Holding(
                model="licensing.Licence",
                subject=_("licence holder"),
                fields=("number", "kind", "decided_on", "valid_from", "valid_until", "destination_country"),
                through={PARTY: "holder"},
                kept=KEPT,
                describe=lambda licence: licence.number,
            ),
        ),
    )
)
