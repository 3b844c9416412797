"""The pages: the claim filed at the counter, the compensation line by line on both case pages,
the handler's expertise forms and anomaly, the damage report at the counter, the fund's pages (404
for others) and the public statistics."""

import datetime

from django.urls import reverse
from django.utils import timezone

from chancery.disaster_fund.models import Anomaly, Claim, DamageReport, DisasterEvent
from chancery.disaster_fund.testing import file_claim
from chancery.procedures.models import Case


def claim_fields(recognition, **changes):
    fields = {
        "party_kind": "person", "party_name": "An Peeters", "country": "BE", "title": "Waterschade woning",
        "recognition": recognition.pk, "municipality": "44021", "capacity": "owner", "goods_kind": "building",
        "insurable_simple_risks": "no", "description": "Kelder onder water.", "estimate_eur": "12000",
        "insurance_paid_eur": "3000",
    }  # fmt: skip
    fields.update(changes)
    return fields


def test_a_claim_at_the_counter_and_its_lines_on_both_case_pages(client, applicant, fund, recognition):
    client.force_login(applicant)
    form = client.get(reverse("counter:apply", args=["RF"])).content.decode()
    assert "Overstroming" in form
    response = client.post(reverse("counter:apply", args=["RF"]), claim_fields(recognition, municipality="11002"))
    assert response.status_code == 400 and not Case.objects.exists()
    assert "niet bij de gemeenten van deze erkenning" in response.content.decode()
    response = client.post(reverse("counter:apply", args=["RF"]), claim_fields(recognition, capacity="mandatary"))
    assert response.status_code == 400 and not Case.objects.exists()  # the mandate is missing
    response = client.post(reverse("counter:apply", args=["RF"]), claim_fields(recognition))
    case = Case.objects.get(procedure="RF")
    assert response.status_code == 302 and case.disaster_claim.estimate_cents == 1_200_000
    page = client.get(reverse("counter:case", args=[case.reference])).content.decode()
    assert "Min vrijstelling (private goederen)" in page and "€ 8.500,00" in page and "€ -3.000,00" in page
    assert "€ 12.000,00" in page  # the estimate, the Dutch way (core.money)
    client.force_login(fund)
    page = client.get(reverse("procedures:case", args=[case.reference])).content.decode()
    assert "€ 8.500,00" in page
    assert 'id="compensation-lines"' in page and 'id="anomalies"' in page


def test_the_handlers_forms_on_the_case_page(client, applicant, fund, recognition):
    case = file_claim(applicant, recognition)
    client.force_login(fund)
    client.post(reverse("procedures:fire", args=[case.reference]), {"transition": "open_file", "version": case.version})
    case.refresh_from_db()
    assert case.state == "file_opened"
    client.post(reverse("disaster_fund:claim_expert", args=[case.reference]), {"expert": "Bureau De Rijcke"})
    client.post(reverse("disaster_fund:claim_report", args=[case.reference]), {"assessed_damage_eur": "-3"})
    assert Claim.objects.get(case=case).assessed_damage_cents is None
    client.post(reverse("disaster_fund:claim_report", args=[case.reference]), {"assessed_damage_eur": "9000"})
    case.refresh_from_db()
    assert case.state == "report_sent"
    page = client.get(reverse("procedures:case", args=[case.reference])).content.decode()
    assert 'id="comment-clock"' in page and "€ 5.500,00" in page
    client.post(
        reverse("disaster_fund:claim_anomaly", args=[case.reference]),
        {"anomaly-rule": "deductible", "anomaly-facts": "Kleine schade.", "anomaly-proposal": "Herzien."},
    )
    assert Anomaly.objects.count() == 1
    register = client.get(reverse("disaster_fund:anomalies")).content.decode()
    assert case.reference in register
    csv = client.get(reverse("disaster_fund:anomalies_csv") + "?regel=deductible").content.decode()
    assert "Kleine schade." in csv


def test_the_funds_pages_are_404_for_others(client, org, applicant, fund, recognition):
    case = file_claim(applicant, recognition)
    for user in (applicant, org.users["cabinet_concerned"]):
        client.force_login(user)
        for url in (reverse("disaster_fund:index"), reverse("disaster_fund:anomalies"),
                    reverse("disaster_fund:event", args=[recognition.event_id])):  # fmt: skip
            assert client.get(url).status_code == 404, (user, url)
        response = client.post(reverse("disaster_fund:claim_anomaly", args=[case.reference]), {})
        assert response.status_code == 404


def test_the_fund_records_an_event_and_prepares_a_recognition(client, fund):
    client.force_login(fund)
    start = timezone.localdate() - datetime.timedelta(days=5)
    response = client.post(reverse("disaster_fund:index"), {"phenomenon": "storm", "name": "Storm Ciara",
                           "started_on": start.isoformat(), "ended_on": start.isoformat()})  # fmt: skip
    event = DisasterEvent.objects.get(name="Storm Ciara")
    assert response.status_code == 302
    page = client.get(reverse("disaster_fund:event", args=[event.pk])).content.decode()
    assert "Storm Ciara" in page
    response = client.post(
        reverse("disaster_fund:event", args=[event.pk]),
        {"recognition-submit": "1", "period_start": start.isoformat(), "period_end": start.isoformat(),
         "municipalities": ["44021", "31005"]},
    )  # fmt: skip
    event.refresh_from_db()
    assert event.state == "recognition_proposed" and event.recognition.municipalities.count() == 2


def test_a_damage_report_at_the_counter(client, applicant, fund):
    start = timezone.localdate() - datetime.timedelta(days=3)
    event = DisasterEvent.objects.create(phenomenon="hail", name="Hagel Limburg", started_on=start, ended_on=start,
                                         created_by=fund)  # fmt: skip
    client.force_login(applicant)
    fields = {"event": event.pk, "municipality": "71016", "reporter_kind": "person", "reporter_name": "Jan",
              "reporter_id": "85073003361", "address": "Markt 1, Genk", "occurred_on": start.isoformat(),
              "description": "Ruiten stuk."}  # fmt: skip
    assert client.post(reverse("disaster_fund_counter:report"), fields).status_code == 302
    response = client.post(reverse("disaster_fund_counter:report"), fields, follow=True)
    assert "gekoppeld aan de eerste" in response.content.decode()
    assert DamageReport.objects.count() == 1 and DamageReport.objects.get().duplicates == 1
    assert client.post(reverse("disaster_fund_counter:report"), {**fields, "reporter_id": "12"}).status_code == 400


def test_public_statistics(client, applicant, recognition):
    file_claim(applicant, recognition)
    page = client.get(reverse("disaster_fund_public:statistics")).content.decode()
    assert "Gent" in page
    csv = client.get(reverse("disaster_fund_public:statistics_csv"))
    assert csv.status_code == 200 and "An Peeters" not in csv.content.decode()
