"""Demo licences: the procedures' demo grants issue their licences themselves (the decision hook);
this adds use reports on some of them, registrations of general licences with a report, and three
applications for a prior authorisation (procedure VM) of the demo applicant (the archive's military
exporters hold theirs already, recorded with their files in the procedures' demo).
Idempotent: each object is a DemoSeed key."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext_lazy

from chancery.core.demo.loader import Wording, seed
from chancery.core.models import User
from chancery.licensing.demo import licence_files
from chancery.licensing.models import (
    GeneralLicenceRegistration,
    GeneralLicenceReport,
    Licence,
    UseReport,
)
from chancery.procedures.models import Party

# What `chancery demo` reports, in the operator's language (the counts of `licence_files` keep their
# plain keys for its tests).
WORDS = {
    "cases": Wording(
        ngettext_lazy("%(count)d file of the demo applicant", "%(count)d files of the demo applicant", "count")
    ),
    "archive queued": Wording(
        ngettext_lazy(
            "%(count)d file in the archive (made by the background worker)",
            "%(count)d files in the archive (made by the background worker)",
            "count",
        )
    ),
    "licence records": Wording(
        ngettext_lazy(
            "%(count)d licence record (use report, registration, prior authorisation)",
            "%(count)d licence records (use reports, registrations, prior authorisations)",
            "count",
        )
    ),
}


@transaction.atomic
def load_demo() -> dict:
    files = {WORDS[what]: count for what, count in licence_files.load_demo().items()}
    users = {u.username: u for u in User.objects.filter(username__in=["aanvrager", "ambtenaar"])}
    if len(users) < 2:
        return files
    applicant = users["aanvrager"]
    created: list = []
    _prior_authorisation_files(applicant, users["ambtenaar"], created)
    today = timezone.localdate()
    # Use reports: a third, then a further tenth, of the value of the oldest licences in force.
    # The demo applicant's own licences (the archive's belong to other companies, and the worker
    # makes them after the demo).
    in_force = Licence.objects.filter(
        case__applicant_user=applicant, case__state__in=("granted", "granted_with_conditions")
    ).order_by("decided_on")
    for licence in in_force[:4]:
        for n, share in enumerate((Decimal("0.33"), Decimal("0.10"))):
            used_on = min(today, licence.valid_from + datetime.timedelta(days=20 + 30 * n))
            seed(
                f"licence-use:{licence.number}:{n}",
                lambda licence=licence, share=share, used_on=used_on: UseReport.objects.create(
                    licence=licence, used_on=used_on, quantity=max(1, int(licence.quantity * share)),
                    value_eur=(licence.value_eur * share).quantize(Decimal("0.01")),
                    destination_country=licence.destination_country, reported_by=applicant,
                ),
                created,
            )  # fmt: skip
    # A general transfer licence is used with a prior authorisation (fdfa.be node/2743): VL-AT3 goes to
    # a company that holds one.
    # The demo applicant registers for companies it represents (the counter refuses any other).
    own = Party.objects.filter(representations__user=applicant, representations__revoked_at__isnull=True)
    authorised = own.filter(prior_authorisations__valid_until__gte=today).distinct().order_by("name").first()
    others = list(own.filter(kind="organisation").exclude(pk=getattr(authorised, "pk", None)).distinct()
                  .order_by("name")[:2])  # fmt: skip
    chosen = {"EU001": others[0] if others else None, "VL-AT3": authorised, "EU003": others[1] if others[1:] else None}
    for code, party in chosen.items():
        # Once per general licence: the companies the applicant represents grow with later loaders
        # (the investment screening's notifiers), so a second run would otherwise choose others.
        if (
            party is None
            or GeneralLicenceRegistration.objects.filter(general_licence=code, registered_by=applicant).exists()
        ):
            continue
        registration = seed(
            f"general-licence:{party.registration_number}:{code}",
            lambda party=party, code=code: GeneralLicenceRegistration.objects.create(
                party=party, general_licence=code, first_use_on=today - datetime.timedelta(days=200),
                registered_by=applicant, registered_at=timezone.now() - datetime.timedelta(days=210),
            ),
            created,
        )  # fmt: skip
        if registration is not None:
            seed(
                f"general-licence-report:{registration.pk}:1",
                lambda registration=registration: GeneralLicenceReport.objects.create(
                    registration=registration, period_start=today - datetime.timedelta(days=180),
                    period_end=today - datetime.timedelta(days=1), shipments=4, value_eur=Decimal("58200.00"),
                    destination_countries={"EU001": "CA,JP", "VL-AT3": "FR"}.get(registration.general_licence, "NO"),
                    reported_by=applicant,
                ),
                created,
            )  # fmt: skip
    return {**files, **({WORDS["licence records"]: len(created)} if created else {})}


# The demo applicant's applications for a prior authorisation, for two new companies of theirs: one
# just filed, one waiting for the morality investigation's advice, one granted (its authorisation
# is recorded by the decision hook, like a licence).
PRIOR_FILES = [
    ("Brabo Defence Systems NV", 1_234_567, ["submit"], 3),
    ("Limburg Ballistics BV", 1_345_678, ["submit", "declare_complete", "request_advice"], 20),
    ("Kust Optronics NV", 1_456_789, ["submit", "declare_complete", "request_advice", "advice", "advice_received",
                                     "grant"], 60),
]  # fmt: skip


def _prior_authorisation_files(applicant, handler, created: list) -> None:
    from chancery.core import samples
    from chancery.core.testing import upload
    from chancery.licensing.demo.licence_files import enterprise_number, represent
    from chancery.licensing.procedure import ICP_QUESTIONNAIRE
    from chancery.procedures.services import cases as engine
    from chancery.procedures.services import parties, work

    def make(name, base, steps, days_ago):
        party = parties.find_or_create_party(
            {"kind": "organisation", "name": name, "registration_number": enterprise_number(base), "country": "BE",
             "address": "", "email": ""}
        )  # fmt: skip
        day = timezone.localdate() - datetime.timedelta(days=days_ago)
        represent(applicant, party, handler, day)
        at = lambda day: timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))  # noqa: E731
        case = engine.create_case(
            applicant, "VM", title=f"Voorafgaande machtiging {name}", applicant=party, applicant_user=applicant,
            data={"activities": ["export", "transfer"], "description": "Onderdelen en optiek voor pantservoertuigen."},
            now=at(day), source="command",
        )  # fmt: skip
        work.add_document(
            applicant, case, kind=ICP_QUESTIONNAIRE, title="Vragenlijst ICP",
            upload=upload("vragenlijst-icp.pdf", samples.make_pdf(f"Vragenlijst ICP {name}")), source="command",
        )  # fmt: skip
        work.assign(handler, case, [handler])
        for step in steps:
            if step == "advice":
                work.add_document(
                    handler, case, kind="external_advice", title="Advies Veiligheid van de Staat", internal=True,
                    upload=upload("advies.pdf", samples.make_pdf("Advies: geen bezwaar")), source="command",
                )  # fmt: skip
                continue
            actor = applicant if step == "submit" else handler
            reason = "Moraliteitsonderzoek en ICP in orde." if step == "grant" else ""
            engine.fire(case, step, actor, reason=reason, now=at(day), source="command")
            day += datetime.timedelta(days=7)
        return case

    for name, base, steps, days_ago in PRIOR_FILES:
        seed(f"case:VM:{base}", lambda n=name, b=base, st=steps, d=days_ago: make(n, b, st, d), created)
