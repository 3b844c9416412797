"""What the grant programmes process of persons (the register of processing,
core.personal_data): grant applications (SUB) with their beneficiary, who may be a person at risk
(a protected beneficiary, never named outside the file), and nominations for the human rights
prize (MRP), sent through the public form: the nominee and the nominator are named in the
nomination (grants.Nomination), the nominee possibly a person at risk (the file is confidential)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.personal_data import ACCOUNT, EMAIL, NAME, PARTY, Activity, Holding, declare
from chancery.grants.prize.procedure import PRIZE_CODE
from chancery.grants.procedure import CODE

FILE_KEPT = _(
    "A grant file is kept under the Archives Decree and the Flemish Codex on Public Finance (GDPR art. 17(3)(b))."
)


def application_kept(application) -> str:
    if application.awarded_cents:
        return _(
            "A granted grant is published by law (the Flemish Codex on Public Finance) and its file is kept under "
            "the Archives Decree (GDPR art. 17(3)(b))."
        )
    return FILE_KEPT


GRANTS = declare(
    Activity(
        code="grants.applications",
        app="grants",
        name=_("Grant programmes and the human rights prize"),
        purpose=_("Assessing grant applications and prize nominations, awarding them and accounting for the grants."),
        legal_basis=_(
            "GDPR art. 6(1)(e) and (c): the grant decrees and the Flemish Codex on Public Finance; for persons at "
            "risk art. 9(2)(g)."
        ),
        subjects=(
            _("grant applicants"),
            _("beneficiaries, including protected persons at risk"),
            _("nominators and nominees of the prize"),
        ),
        categories=(_("name"), _("country"), _("the project and its budget"), _("the nomination")),
        recipients=(_("the grants team"), _("reviewers and the jury (without conflicts of interest)")),
        retention=_(
            "Files under the Archives Decree; granted grants are published without a protected beneficiary's name."
        ),
        security=_(
            "A protected beneficiary's file is confidential and never named outside it; reviews are declared free "
            "of conflicts of interest."
        ),
        holdings=(
            Holding(
                model="procedures.Case",
                subject=_("grant applicant or nominator"),
                fields=("reference", "procedure", "title", "state", "created_at", "submitted_at", "closed_at", "data"),
                through={PARTY: "applicant", ACCOUNT: "applicant_user"},
                scope={"procedure__in": (CODE, PRIZE_CODE)},
                kept=FILE_KEPT,
                describe=lambda case: case.reference,
            ),
            Holding(
                model="grants.Application",
                subject=_("beneficiary"),
                fields=(
                    "beneficiary",
                    "country",
                    "purpose",
                    "protected",
                    "requested_cents",
                    "awarded_cents",
                    "submitted_at",
                    "decided_on",
                ),
                match={NAME: "beneficiary"},
                through={PARTY: "case__applicant", ACCOUNT: "case__applicant_user"},
                kept=application_kept,
                describe=lambda application: application.case.reference,
            ),
            Holding(
                model="grants.Nomination",
                subject=_("nominee of the prize"),
                fields=("nominee_name", "nominee_country", "motivation", "consents_to_publication", "received_at"),
                match={NAME: "nominee_name"},
                kept=FILE_KEPT,
                describe=lambda nomination: nomination.case.reference,
            ),
            Holding(
                model="grants.Nomination",
                subject=_("nominator of the prize"),
                fields=("nominator_name", "nominator_email", "received_at"),
                match={NAME: "nominator_name", EMAIL: "nominator_email"},
                kept=FILE_KEPT,
                describe=lambda nomination: nomination.case.reference,
            ),
        ),
    )
)
