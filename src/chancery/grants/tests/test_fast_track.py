"""The humanitarian fast track, procedure SUBH (issue 15 §7): a simplified emergency request at the
counter, decided within 48 hours — an engine clock whose term is in hours, shown in hours on the
case page and in the inbox —, the allocation committing the humanitarian envelope within the fast
track's yearly ceiling; bad input refused in Dutch with nothing stored."""

import datetime
import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from chancery.grants import fast_track, rules
from chancery.grants.models import EmergencyAllocation, Envelope
from chancery.grants.testing import fire, programme
from chancery.procedures.engine import Clock, DefinitionError, Procedure, State, Term, Transition
from chancery.procedures.models import Case
from chancery.procedures.services import clocks, work
from chancery.procedures.services.cases import TransitionRefused
from chancery.procedures.testing import PARTY


@pytest.fixture
def humanitarian(grants):
    return programme(grants, "humanitaire-hulp")


def request(applicant, **changes):
    data = {"emergency": "Overstromingen in Pakistan", "country": "PK", "amount_eur": "200000",
            "purpose": "Drinkwater en noodonderdak voor 5 000 gezinnen.", **changes}  # fmt: skip
    return work.apply(applicant, fast_track.CODE, party=PARTY, title="Noodfonds: overstromingen", data=data,
                      documents=[])  # fmt: skip


def envelope(prog):
    return Envelope.objects.get(programme=prog, year=timezone.localdate().year)


def test_a_request_runs_the_48_hour_clock(applicant, grants, humanitarian):
    case = request(applicant)
    assert case.state == "requested"
    allocation = case.emergency_allocation
    assert allocation.requested_cents == 200_000_00 and allocation.beneficiary == PARTY["name"]
    now = timezone.now()
    [status] = clocks.statuses(case, timezone.localdate(), now)
    assert status.term.hours == 48 and status.term.source == rules.decision_figure("fast_track_hours").source
    assert abs((status.due_at - (case.submitted_at + datetime.timedelta(hours=48))).total_seconds()) < 1
    assert status.remaining_hours in (47, 48) and status.running
    later = clocks.statuses(case, timezone.localdate(), case.submitted_at + datetime.timedelta(hours=50))[0]
    assert later.remaining_hours < 0 and later.overdue
    case.refresh_from_db()
    assert case.due_on == timezone.localtime(status.due_at).date()


def test_the_clock_shows_in_hours_on_the_case_page_and_in_the_inbox(client, applicant, grants, humanitarian):
    case = request(applicant)
    client.force_login(grants)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "48 uur" in page and ("nog 47 uur" in page or "nog 48 uur" in page)
    inbox = client.get("/app/zaken/?tab=team").content.decode()
    assert case.reference in inbox and ("nog 47 uur" in inbox or "nog 48 uur" in inbox)


def test_the_allocation_commits_the_humanitarian_envelope(applicant, grants, humanitarian):
    case = request(applicant)
    fire(case, "allocate", grants, "Vrijgegeven volgens de samenwerkingsovereenkomst.")
    allocation = EmergencyAllocation.objects.get(case=case)
    assert case.state == "allocated" and allocation.allocated_cents == 200_000_00 and allocation.decided_at
    assert envelope(humanitarian).committed_cents == 200_000_00
    [status] = clocks.statuses(case, timezone.localdate(), timezone.now())
    assert status.stopped and status.remaining_hours >= 0


def test_the_yearly_ceiling_is_never_passed(applicant, grants, humanitarian):
    first = request(applicant, amount_eur="400000")
    second = request(applicant, amount_eur="150000")  # each fits alone
    fire(first, "allocate", grants, "Eerste interventie.")
    with pytest.raises(TransitionRefused, match="jaarplafond|yearly ceiling"):
        fire(second, "allocate", grants, "Tweede interventie.")
    second.refresh_from_db()
    assert second.state == "requested" and envelope(humanitarian).committed_cents == 400_000_00
    with pytest.raises(ValidationError, match="jaarplafond|yearly ceiling"):
        request(applicant, amount_eur="100000.01")
    assert EmergencyAllocation.objects.count() == 2


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"amount_eur": "veel"}, "Bedrag|Amount"),
        ({"amount_eur": "-5"}, "negatief|negative|positief|positive"),
        ({"amount_eur": "0"}, "positief|positive"),
        ({"emergency": " "}, "noodsituatie|emergency"),
        ({"purpose": ""}, "toewijzing|allocation"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_stored(applicant, grants, humanitarian, changes, message):
    with pytest.raises(ValidationError, match=message):
        request(applicant, **changes)
    assert not Case.objects.filter(procedure=fast_track.CODE).exists()
    assert not EmergencyAllocation.objects.exists()


def test_without_an_envelope_no_request(applicant, grants):
    with pytest.raises(ValidationError, match="enveloppe|envelope"):
        request(applicant)


def test_a_refusal_needs_its_reason(applicant, grants, humanitarian):
    case = request(applicant)
    with pytest.raises(TransitionRefused):
        fire(case, "refuse", grants, "")
    fire(case, "refuse", grants, "Valt buiten de samenwerkingsovereenkomst.")
    assert case.state == "refused" and envelope(humanitarian).committed_cents == 0
    with pytest.raises(TransitionRefused):  # the partner does not allocate to itself
        fire(request(applicant), "allocate", applicant, "Zelf.")


def test_procedures_json_lists_the_fast_track(db):
    out = StringIO()
    call_command("procedures", "--json", stdout=out)
    listed = {p["code"]: p for p in json.loads(out.getvalue())["procedures"]}
    assert {"SUB", "MRP", "SUBH"} <= set(listed)
    [clock] = listed["SUBH"]["clocks"]
    assert clock["terms"][0]["hours"] == 48 and clock["terms"][0]["days"] == 2


def test_an_hour_clock_never_suspends():
    states = (State("a", "A"), State("b", "B"), State("c", "C", final=True))
    with pytest.raises(DefinitionError):
        Procedure(
            code="XH", name="x", states=states,
            transitions=(Transition("go", "Go", "a", "b", {"civil_servant"}),
                         Transition("end", "End", "b", "c", {"civil_servant"})),
            clocks=(Clock("c", "C", (Term(2, "s", datetime.date(2020, 1, 1), hours=48),), {"b"}, {"a"}),),
        )  # fmt: skip


# --- the letters to the partner -------------------------------------------------------------------


def test_an_allocation_and_a_refusal_each_write_their_letter(applicant, grants, humanitarian):
    from chancery.grants.tests.test_government import letters_of, pdf_text

    allocated = request(applicant)
    assert letters_of(allocated) == []
    fire(allocated, "allocate", grants, "Vrijgegeven volgens de samenwerkingsovereenkomst.")
    [letter] = letters_of(allocated)
    text = pdf_text(letter)
    assert "Overstromingen in Pakistan" in text and "200000.00" in text.replace(" ", "")
    assert "Vrijgegeven volgens de samenwerkingsovereenkomst." in text and "toegewezen" in text
    assert letter.title == f"Noodtoewijzing {allocated.reference}"
    refused = request(applicant, emergency="Droogte in de Sahel", country="NE")
    fire(refused, "refuse", grants, "Valt buiten de samenwerkingsovereenkomst.")
    [refusal] = letters_of(refused)
    text = pdf_text(refusal)
    assert "geweigerd" in text and "Valt buiten de samenwerkingsovereenkomst." in text and "Droogte in de Sahel" in text
    # A withdrawal decides nothing: no letter.
    withdrawn = request(applicant, emergency="Cycloon", country="MZ", amount_eur="1000")
    fire(withdrawn, "withdraw", applicant)
    assert letters_of(withdrawn) == []


def test_the_partner_downloads_the_letter_at_the_counter(client, applicant, grants, humanitarian):
    from django.urls import reverse

    from chancery.procedures.models import CaseDocument

    case = request(applicant)
    fire(case, "allocate", grants, "Vrijgegeven.")
    link = CaseDocument.objects.get(case=case, kind="decision_letter")
    client.force_login(applicant)
    page = client.get(f"/loket/{case.reference}/")
    assert page.status_code == 200 and link.document.title in page.content.decode()
    download = client.get(reverse("counter:download", args=[case.reference, link.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content if download.streaming else [download.content]).startswith(b"%PDF")
