"""What the counter processes of persons (the register of processing, core.personal_data): the
parties that apply as natural persons. Their files (cases) are declared by the apps that own the
procedures (licensing, disaster_fund, grants), each with its own purpose and legal basis."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.personal_data import ACCOUNT, EMAIL, NAME, NATIONAL_NUMBER, PARTY, Activity, Holding, declare


def party_kept(party) -> str | None:
    """A party that has filed is part of its files, kept under the Archives Decree."""
    if party.cases.exists():
        return _(
            "The person is a party to a file (zaak): the file is kept for its retention period under the "
            "Archives Decree of 9 July 2010 (GDPR art. 17(3)(b))."
        )
    return None


COUNTER = declare(
    Activity(
        code="procedures.counter",
        app="procedures",
        name=_("The counter: applicants"),
        purpose=_("Receiving applications from citizens and companies and handling them as files (zaken)."),
        legal_basis=_(
            "GDPR art. 6(1)(c) and (e): the legal obligation and public task of each procedure (see its own entry)."
        ),
        subjects=(_("applicants (natural persons)"), _("representatives of organisations")),
        categories=(_("name"), _("address"), _("e-mail address"), _("country")),
        recipients=(_("the handlers of the file"), _("advisers the procedure names")),
        retention=_("As long as the files the party is part of are kept (see each procedure)."),
        security=_(
            "Files are confidential by the access registry; each read of a document and each change is audited."
        ),
        holdings=(
            Holding(
                model=PARTY,
                subject=_("applicant"),
                fields=("kind", "name", "registration_number", "country", "address", "email", "created_at"),
                match={EMAIL: "email", NAME: "name", NATIONAL_NUMBER: "registration_number"},
                through={ACCOUNT: "cases__applicant_user"},
                scope={"kind": "person"},
                pseudonymise=("name", "address", "email", "registration_number"),
                kept=party_kept,
                labels={"created_at": _("created")},
                describe=lambda party: f"#{party.pk}",
            ),
        ),
    )
)
