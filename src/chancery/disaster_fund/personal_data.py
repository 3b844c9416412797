"""What the disaster fund processes of persons (the register of processing, core.personal_data):
the damage reports made at the counter (name, national register number, address of the damage)
and the claims (files on the procedure RF) of the persons who were struck."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.personal_data import ACCOUNT, NAME, NATIONAL_NUMBER, PARTY, Activity, Holding, declare
from chancery.disaster_fund.procedure import CODE


def report_kept(report) -> str | None:
    """An open report is what the recognition of the disaster is built on; a closed one (the event
    was not recognised) has served its purpose."""
    if report.closed_on is None:
        return _(
            "The damage report is still needed for the recognition of the disaster (decree of 5 April 2019 on "
            "the Flemish disaster fund; GDPR art. 17(3)(b))."
        )
    return None


CLAIMS = declare(
    Activity(
        code="disaster_fund.claims",
        app="disaster_fund",
        name=_("Disaster fund: damage reports and claims"),
        purpose=_("Recognising disasters and compensating the damage of the persons struck."),
        legal_basis=_(
            "GDPR art. 6(1)(c) and (e): the decree of 5 April 2019 on the Flemish disaster fund and its "
            "implementing decision of 30 October 2020."
        ),
        subjects=(_("persons who report damage"), _("claimants")),
        categories=(
            _("name"),
            _("national register number"),
            _("address of the damage"),
            _("the damage, the insurance, the bank account for the payment"),
        ),
        recipients=(
            _("the disaster fund"),
            _("the expert who assesses the damage"),
            _("the Government (anonymised figures)"),
        ),
        retention=_(
            "Reports until the disaster is recognised or refused; claims as files under the Archives Decree (ten "
            "years after the payment)."
        ),
        security=_(
            "Reports and files are the fund's only (access registry); each change is audited; the national "
            "register number is never shown outside the file."
        ),
        holdings=(
            Holding(
                model="disaster_fund.DamageReport",
                subject=_("person who reported damage"),
                fields=(
                    "reporter_kind",
                    "reporter_name",
                    "reporter_id",
                    "address",
                    "occurred_on",
                    "description",
                    "reported_at",
                    "closed_on",
                ),
                match={NAME: "reporter_name", NATIONAL_NUMBER: "reporter_id"},
                through={ACCOUNT: "reported_by"},
                scope={"reporter_kind": "person"},
                pseudonymise=("reporter_name", "reporter_id", "address"),
                kept=report_kept,
                labels={"reported_at": _("reported on")},
                describe=lambda report: f"#{report.pk}",
            ),
            Holding(
                model="procedures.Case",
                subject=_("claimant"),
                fields=("reference", "procedure", "title", "state", "created_at", "submitted_at", "closed_at", "data"),
                through={PARTY: "applicant", ACCOUNT: "applicant_user"},
                scope={"procedure": CODE},
                kept=_(
                    "A claim is a file with a decision on public money: kept under the Archives Decree and the "
                    "decree of 5 April 2019 (GDPR art. 17(3)(b))."
                ),
                describe=lambda case: case.reference,
            ),
        ),
    )
)
