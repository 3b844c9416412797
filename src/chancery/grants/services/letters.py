"""The letters of a grant decision as sealed PDFs on the case, through the engine's one way
(procedures.services.letters, as disaster_fund and licensing): on a grant the grant agreement and
the positive letter, on a rejection the motivated negative letter; the applicant downloads them at
the counter (`/loket/<ref>/`). Written in Dutch, the procedure's language. They are addressed to
the beneficiary alone and take the file's level (a protected person's file is confidential); what
goes to anyone else (the proposal to the Government) never names a protected person
(services.government). Called in the step's transaction (signals), so they roll back with it.

The humanitarian fast track (SUBH) has its own letter to the partner, on an allocation and on a
refusal (`write_fast_track_letter`), made the same way and downloaded at the same counter."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chancery.grants import rules
from chancery.grants.models import Application, EmergencyAllocation
from chancery.grants.services.money import euro
from chancery.procedures.models import Case
from chancery.procedures.services import letters

# The steps that grant (by the minister, after the Government) and those that reject.
GRANT_STEPS = {"award", "follow_government_approval"}
REJECTION_STEPS = {"reject", "follow_government_rejection"}
# The fast track's decisions, each with its letter.
FAST_TRACK_STEPS = {"allocate", "refuse"}


def _context(case: Case, application: Application, decided_on: datetime.date, motivation: str) -> dict:
    return {
        "case": case, "application": application, "decided_on": decided_on, "motivation": motivation,
        "amount": euro(application.awarded_cents or application.requested_cents),
        "by_government": case.history.filter(name="follow_government_approval").exists()
        or case.history.filter(name="follow_government_rejection").exists(),
        "advance_share": rules.figure("advance_share"), "lines": [
            {"label": line["label"], "amount_eur": euro(line["amount_cents"])} for line in application.budget_lines
        ],
    }  # fmt: skip


def write_decision_letters(case: Case, *, actor, decided_at: datetime.datetime, motivation: str, step: str) -> list:
    application = Application.objects.select_related("call__programme").get(case=case)
    decided_on = timezone.localtime(decided_at).date()
    written = []
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(case, application, decided_on, motivation)
        if step in GRANT_STEPS:
            documents = (
                ("grants/agreement_pdf.html", _("Grant agreement %(reference)s"), "overeenkomst"),
                ("grants/letter_pdf.html", _("Grant decision %(reference)s"), "toekenning"),
            )
        else:
            documents = (("grants/letter_pdf.html", _("Rejection of grant application %(reference)s"), "afwijzing"),)
        rendered = [
            (letters.render_pdf(template, {**context, "granted": step in GRANT_STEPS}),
             title % {"reference": case.reference}, kind)
            for template, title, kind in documents
        ]  # fmt: skip
    for content, title, kind in rendered:
        filename = f"{kind}-{case.reference}-{decided_on.isoformat()}.pdf"
        written.append(letters.attach_to_case(actor, case, pdf=content, filename=filename, title=title))
    return written


def write_fast_track_letter(case: Case, *, actor, decided_at: datetime.datetime, motivation: str, step: str):
    """The letter to the partner on an emergency allocation (`allocate`) or its refusal (`refuse`),
    with the step's motivation: a sealed decision letter on the fast-track file."""
    allocation = EmergencyAllocation.objects.select_related("programme").get(case=case)
    decided_on = timezone.localtime(decided_at).date()
    allocated = step == "allocate"
    with translation.override(settings.LANGUAGE_CODE):
        content = letters.render_pdf("grants/fast_track_letter_pdf.html", {
            "case": case, "allocation": allocation, "decided_on": decided_on, "motivation": motivation,
            "allocated": allocated, "amount": euro(allocation.allocated_cents or allocation.requested_cents),
        })  # fmt: skip
        title = (
            _("Emergency allocation %(reference)s") if allocated else _("Refusal of emergency request %(reference)s")
        )
        title = title % {"reference": case.reference}
    kind = "noodtoewijzing" if allocated else "weigering"
    filename = f"{kind}-{case.reference}-{decided_on.isoformat()}.pdf"
    return letters.attach_to_case(actor, case, pdf=content, filename=filename, title=title)
