"""The decision on grants and the humanitarian fast track in Chromium (issue 15, §4 and §7): a
partner files an emergency request at the counter (a non-numeric amount first: refused in Dutch,
nothing stored); the grants service sees the 48-hour clock in hours in its inbox and on the case
page, and allocates; an application the Government decides is proposed by the service and
submitted by a minister's office for a meeting from the case page. axe-core on each page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from chancery.core.testing import PASSWORD
from chancery.decisions import services as decisions
from chancery.grants.models import EmergencyAllocation, GovernmentProposal, ProposalState
from chancery.grants.testing import apply, grants_handler, open_call, programme, reviewer, to_assessed
from chancery.procedures.models import Case
from chancery.procedures.testing import represent

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_emergency_request_decided_within_48_hours(page, org):
    grants = grants_handler()
    programme(grants, "humanitaire-hulp")
    applicant = org.users["applicant"]
    represent(applicant, org.users["secretariat"])
    log_in(page, applicant.username, PASSWORD)
    page.goto("/loket/nieuw/SUBH/")
    page.get_by_label("Naam van de onderneming, organisatie of persoon").fill("Precisie Optiek NV")
    page.get_by_label("Registratienummer").fill("0123.456.749")
    page.get_by_label("Onderwerp van de aanvraag").fill("Noodfonds: overstromingen")
    page.get_by_label("Noodsituatie", exact=True).fill("Overstromingen in Pakistan")
    page.get_by_label("Land van de noodsituatie").fill("Pakistan")
    page.get_by_label("Waarvoor de toewijzing dient").fill("Drinkwater en noodonderdak.")
    page.get_by_label("Gevraagd bedrag (EUR)").fill("veel")
    page.get_by_role("button", name="De aanvraag indienen").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert not Case.objects.filter(procedure="SUBH").exists()
    page.get_by_label("Gevraagd bedrag (EUR)").fill("150000")
    page.get_by_role("button", name="De aanvraag indienen").click()
    page.wait_for_load_state()
    case = Case.objects.get(procedure="SUBH")
    assert case.state == "requested"

    page.context.clear_cookies()
    log_in(page, grants.username, PASSWORD)
    page.goto("/app/zaken/?tab=team")
    row = page.locator("tr", has_text=case.reference)
    expect(row).to_contain_text("nog 4")  # "nog 47 uur" / "nog 48 uur"
    expect(row).to_contain_text("uur")
    assert describe(run_axe(page)) == []
    page.goto(f"/app/zaken/{case.reference}/")
    expect(page.locator("#clock-decision")).to_be_visible()
    expect(page.locator("#emergency-allocation")).to_contain_text("150000.00")
    assert describe(run_axe(page)) == []
    form = page.locator("form", has=page.locator("input[name=transition][value=allocate]"))
    form.locator("textarea[name=reason]").fill("Vrijgegeven volgens de samenwerkingsovereenkomst.")
    form.get_by_role("button").click()
    expect(page.locator("#case-state")).to_have_text("Toegewezen")
    assert EmergencyAllocation.objects.get(case=case).allocated_cents == 150_000_00
    # The letter to the partner, downloadable at the counter.
    page.context.clear_cookies()
    log_in(page, applicant.username, PASSWORD)
    page.goto(f"/loket/{case.reference}/")
    expect(page.get_by_role("link", name=f"Noodtoewijzing {case.reference}")).to_be_visible()


def test_a_grant_proposed_and_submitted_to_the_government(page, org):
    grants = grants_handler()
    fund = programme(grants)
    call = open_call(grants, fund, decided_by="government")
    applicant = org.users["applicant"]
    represent(applicant, org.users["secretariat"])
    case = apply(applicant, call)
    to_assessed(grants, case, [reviewer("t-jurylid-1")])
    day = timezone.localdate() + datetime.timedelta(days=7)
    meeting = decisions.create_meeting(
        org.users["secretariat"], starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    )

    log_in(page, grants.username, PASSWORD)
    page.goto(f"/app/zaken/{case.reference}/")
    expect(page.locator("#decided-by")).to_contain_text("Vlaamse Regering")
    form = page.locator("form", has=page.locator("input[name=transition][value=propose_to_government]"))
    form.get_by_role("button").click()
    expect(page.locator("#case-state")).to_have_text("Voorgelegd aan de Vlaamse Regering")

    page.context.clear_cookies()
    log_in(page, org.users["cabinet_concerned"].username, PASSWORD)
    page.goto(f"/app/zaken/{case.reference}/")
    assert describe(run_axe(page)) == []
    submit = page.locator("#submit-proposal")
    submit.get_by_label("Zitting van de Vlaamse Regering").select_option(str(meeting.pk))
    ministers = submit.locator("input[name=government-mandatees]")
    if ministers.count():
        ministers.first.check()
    else:
        submit.locator("select[name=government-mandatees]").select_option(index=0)
    submit.get_by_role("button", name="Het voorstel indienen").click()
    page.wait_for_load_state()
    proposal = GovernmentProposal.objects.get(application__case=case)
    assert proposal.state == ProposalState.SUBMITTED and proposal.submission.meeting == meeting
    expect(page.locator("#proposal-state")).to_contain_text("Ingediend")
