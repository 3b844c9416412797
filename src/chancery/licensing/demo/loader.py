"""Demo licences: the procedures' demo grants issue their licences themselves (the decision hook);
this adds use reports on some of them and registrations of general licences with a report (the
military exporters' prior authorisations come with their files, in the procedures' demo).
Idempotent: each object is a DemoSeed key."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from chancery.core.demo.loader import seed
from chancery.core.models import User
from chancery.licensing.models import (
    GeneralLicenceRegistration,
    GeneralLicenceReport,
    Licence,
    UseReport,
)
from chancery.procedures.models import Party


@transaction.atomic
def load_demo() -> dict[str, int]:
    users = {u.username: u for u in User.objects.filter(username__in=["aanvrager", "ambtenaar"])}
    if len(users) < 2:
        return {}
    applicant = users["aanvrager"]
    today = timezone.localdate()
    created: list = []
    # Use reports: a third, then a further tenth, of the value of the oldest licences in force.
    in_force = Licence.objects.filter(case__state__in=("granted", "granted_with_conditions")).order_by("decided_on")
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
    parties = list(Party.objects.filter(kind="organisation").order_by("name")[:3])
    for party, code in zip(parties, ("EU001", "VL-AT3", "EU003"), strict=False):
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
                    destination_countries="CA,JP" if registration.general_licence == "EU001" else "FR",
                    reported_by=applicant,
                ),
                created,
            )  # fmt: skip
    return {"licence records": len(created)} if created else {}
