"""The holder's forms at the counter take countries by name (issue 14: no hand-typed ISO codes):
a use report's country of destination and a general licence's report's countries are typed or
picked from the page's list of names; the pages show countries by name, the service keeps codes."""

import datetime
import re

from django.utils import timezone

from chancery.licensing.models import GeneralLicenceReport, Licence
from chancery.licensing.services import general
from chancery.licensing.testing import authorise
from chancery.procedures.testing import PARTY

TODAY = timezone.localdate

DATALIST = '<datalist id="country-names">'


def country_input(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="text" name="{name}"[^>]*>', html)


def test_a_use_report_takes_the_country_by_name(client, granted, applicant):
    licence = Licence.objects.get(case=granted)
    assert licence.destination_country == "CA"
    client.force_login(applicant)
    url = f"/loket/vergunningen/{licence.number}/"
    html = client.get(url).content.decode()
    assert html.count(DATALIST) == 1 and '<option value="Canada">' in html
    [field] = country_input(html, "destination_country")
    assert 'list="country-names"' in field and 'value="Canada"' in field  # the licence's country, by name
    assert "<dd>Canada</dd>" in html and "<dd>CA</dd>" not in html
    values = {"used_on": TODAY().isoformat(), "quantity": 1, "value_eur": "1000"}

    unknown = client.post(url, {**values, "destination_country": "Kanadaa"})
    assert unknown.status_code == 400 and "“Kanadaa” is geen land dat we kennen" in unknown.content.decode()
    other = client.post(url, {**values, "destination_country": "Japan"})
    assert other.status_code == 400 and "Deze vergunning geldt alleen voor Canada." in other.content.decode()
    assert not licence.use_reports.exists()

    assert client.post(url, {**values, "destination_country": "canada"}).status_code == 302
    assert licence.use_reports.get().destination_country == "CA"  # the code is what is kept
    html = client.get(url).content.decode()
    assert "<td>Canada</td>" in html and "<td>CA</td>" not in html
    assert "<td>Canada</td>" in client.get("/loket/vergunningen/").content.decode()


def test_a_general_licence_report_takes_countries_by_name(client, applicant, handler):
    authorise(handler)  # a general transfer licence is used with a prior authorisation
    registration = general.register(applicant, party=PARTY, general_licence="VL-AT3", first_use_on=TODAY())
    registration.registered_at -= datetime.timedelta(days=30)
    registration.save()
    client.force_login(applicant)
    url = f"/loket/vergunningen/algemene/{registration.pk}/"
    html = client.get(url).content.decode()
    assert html.count(DATALIST) == 1
    fields = country_input(html, "destination_countries")
    assert len(fields) >= 2 and all('list="country-names"' in f for f in fields)  # one input per country
    end = TODAY() - datetime.timedelta(days=1)
    values = {"period_start": (end - datetime.timedelta(days=9)).isoformat(), "period_end": end.isoformat(),
              "shipments": 2, "value_eur": "500"}  # fmt: skip

    unknown = client.post(url, {**values, "destination_countries": ["Frankrijk", "Atlantis"]})
    assert unknown.status_code == 400 and "“Atlantis” is geen land dat we kennen" in unknown.content.decode()
    outside = client.post(url, {**values, "destination_countries": ["Verenigde Staten"]})
    assert outside.status_code == 400
    assert "niet naar Verenigde Staten van Amerika" in outside.content.decode()  # by name, not "US"
    assert not GeneralLicenceReport.objects.exists()

    sent = client.post(url, {**values, "destination_countries": ["Frankrijk", "duitsland", ""]})
    assert sent.status_code == 302
    assert GeneralLicenceReport.objects.get().destination_countries == "FR,DE"
    assert "<td>Frankrijk, Duitsland</td>" in client.get(url).content.decode()
