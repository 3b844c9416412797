"""Test helpers of the licensing app (imported by tests only)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from chancery.licensing.models import PriorAuthorisation
from chancery.procedures.services.parties import find_or_create_party
from chancery.procedures.testing import PARTY, represent


def authorise(recorded_by, party: dict | None = None, *, number: str = "VM-TEST-001") -> PriorAuthorisation:
    """A prior authorisation, valid for a year around today, for the tests' company (or `party`):
    what a company needs before it may file an application for military goods. Idempotent."""
    today = timezone.localdate()
    row, _created = PriorAuthorisation.objects.get_or_create(
        number=number,
        defaults={
            "party": find_or_create_party(party or PARTY), "kind": "prior_authorisation", "recorded_by": recorded_by,
            "valid_from": today - datetime.timedelta(days=180), "valid_until": today + datetime.timedelta(days=180),
        },
    )  # fmt: skip
    return row


def case_files(users: dict, round_: int = 0) -> dict:
    """One round of the strategic-goods service with a file in each stage the screens show (for the
    query-count tests; a second round doubles the rows). `users`: applicant, handler (of the
    service's team) and colleague. Files of the applicant: one just submitted (nobody's yet), one
    of the colleague, one whose end user is on the sanctions list (screening hits, when the demo list
    is loaded), one assessed and waiting for information, one granted (a licence, a use reported)
    and one refused; and a prior authorisation and a general-licence registration with a report."""
    from chancery.licensing.services import general, licences
    from chancery.procedures.services import cases as engine
    from chancery.procedures.services import work
    from chancery.procedures.testing import APPLICATION, apply_for_licence, assess

    applicant, handler, colleague = users["applicant"], users["handler"], users["colleague"]
    today = timezone.localdate()

    def fire(case, name, user, reason=""):
        return engine.fire(case, name, user, reason=reason, expected_version=case.version)

    def to_decision(title):
        case = apply_for_licence(applicant, title=title)
        work.take(handler, case)
        fire(case, "declare_complete", handler)
        assess(case, handler)
        fire(case, "propose_department_decision", colleague)  # four eyes: the handler decides
        return case

    made = {"submitted": apply_for_licence(applicant, title=f"Aanvraag {round_}")}
    work.take(colleague, apply_for_licence(applicant, title=f"Aanvraag van de collega {round_}"))
    listed = {**APPLICATION, "end_user_name": "Dmitriy Ivanovich Sokolovsky"}
    made["screened"] = apply_for_licence(applicant, title=f"Gescreend {round_}", data={"application": listed})
    waiting = apply_for_licence(applicant, title=f"Wacht op informatie {round_}")
    work.take(handler, waiting)
    fire(waiting, "declare_complete", handler)
    work.add_note(handler, waiting, "Eindgebruik nagaan.", internal=True)
    made["waiting"] = fire(waiting, "request_information", handler, reason="Bezorg de technische fiche.")
    granted = to_decision(f"Verleend {round_}")
    made["granted"] = fire(granted, "grant", handler, reason="Verleend voor drie jaar.")
    made["licence"] = granted.licence
    licences.report_use(
        applicant, made["licence"], used_on=today, quantity=2, value_eur="14000.00", destination_country="CA"
    )
    refused = to_decision(f"Geweigerd {round_}")
    made["refused"] = fire(refused, "refuse", handler, reason="Risico op omleiding.")
    made["authorisation"] = authorise(handler, number=f"VM-TEST-{round_:03d}")
    registration = general.register(applicant, party=PARTY, general_licence=f"EU00{round_ + 1}", first_use_on=today)
    registration.registered_at -= datetime.timedelta(days=30)  # in use for a month: it has a report
    registration.first_use_on -= datetime.timedelta(days=30)
    registration.save()
    general.report(
        applicant, registration, period_start=today - datetime.timedelta(days=20), shipments=3, value_eur="12500.00",
        period_end=today - datetime.timedelta(days=10), destination_countries="CA,US",
    )  # fmt: skip
    made["registration"] = registration
    # A further company the applicant represents, registered by the handler (the service's list).
    base = 5_000_000 + round_
    subsidiary = {
        **PARTY,
        "name": f"Dochteronderneming {round_}",
        "registration_number": f"{base:08d}{97 - base % 97:02d}",
    }
    made["representation"] = represent(applicant, handler, subsidiary)
    return made
