"""The yearly report (aggregates only, CSV and page), visibility of licences, and the pages."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from chancery.licensing.models import Licence
from chancery.licensing.services import statistics
from chancery.procedures.models import CaseTransition


def test_yearly_aggregation_per_country_and_category(decide, applicant):
    decide(applicant)
    decide(applicant, value_eur="16000.00")
    decide(applicant, goods_family="military", control_list_code="ML10.a", destination_country="NO", value_eur="500")
    decide(applicant, decision="refuse", reason="Criterium 2.", goods_family="military", destination_country="NO",
           control_list_code="ML10")  # fmt: skip
    year = timezone.localdate().year
    rows = {(r.country, r.category): r for r in statistics.yearly(year)}
    assert rows[("CA", "6")].granted == 2 and rows[("CA", "6")].granted_value == Decimal("100000.00")
    assert rows[("NO", "ML10")].granted == 1 and rows[("NO", "ML10")].granted_value == Decimal("500")
    assert rows[("NO", "ML10")].refused == 1 and rows[("NO", "ML10")].refused_value == Decimal("84000.00")
    assert statistics.totals(list(rows.values())).granted == 3
    assert statistics.yearly(year - 1) == [] and year in statistics.years()


def into_last_year() -> int:
    """Move every decision so far a year back (the public report shows closed years only)."""
    for licence in Licence.objects.all():
        Licence.objects.filter(pk=licence.pk).update(
            decided_on=licence.decided_on.replace(year=licence.decided_on.year - 1)
        )
    for step in CaseTransition.objects.filter(target="refused"):
        CaseTransition.objects.filter(pk=step.pk).update(at=step.at.replace(year=step.at.year - 1))
    return timezone.localdate().year - 1


def test_public_csv_and_page_name_no_company(client, decide, applicant):
    cases = [decide(applicant) for _ in range(3)]
    year = into_last_year()
    response = client.get(f"/strategische-goederen/rapport/{year}.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "jaar" and rows[1][:5] == [str(year), "CA", "6", "3", "252000.00"]
    page = client.get(f"/strategische-goederen/rapport/{year}/")
    assert page.status_code == 200
    for text in (body, page.content.decode()):
        for case in cases:
            assert case.applicant.name not in text and case.reference not in text
        assert not any(licence.number in text for licence in Licence.objects.all())
    assert client.get("/strategische-goederen/rapport/").status_code == 200
    assert client.get(f"/strategische-goederen/rapport/{year + 2}/").status_code == 404


def test_the_public_report_shows_closed_years_and_no_small_counts(client, decide, applicant):
    """A refusal must not show up in the public report a minute later, nor one licence or refusal
    be told apart in a closed year: counts under 3 read "< 3" without their value, and a total
    that would give one away is withheld too."""
    year = timezone.localdate().year
    decide(applicant, decision="refuse", reason="Criterium 2.", goods_family="military", destination_country="NO",
           control_list_code="ML10")  # fmt: skip
    for address in (f"/strategische-goederen/rapport/{year}/", f"/strategische-goederen/rapport/{year}.csv"):
        assert client.get(address).status_code == 404, address  # the running year is not published
    assert f"/{year}/" not in client.get("/strategische-goederen/rapport/").content.decode()
    for _ in range(3):
        decide(applicant)
    closed = into_last_year()
    rows = list(
        csv.DictReader(io.StringIO(client.get(f"/strategische-goederen/rapport/{closed}.csv").content.decode()))
    )
    by_cell = {(row["land_van_bestemming"], row["categorie"]): row for row in rows}
    assert (by_cell[("CA", "6")]["verleend_aantal"], by_cell[("CA", "6")]["verleend_waarde_eur"]) == ("3", "252000.00")
    refused = by_cell[("NO", "ML10")]
    assert (refused["geweigerd_aantal"], refused["geweigerd_waarde_eur"]) == ("< 3", "")
    page = client.get(f"/strategische-goederen/rapport/{closed}/").content.decode()
    assert "84.000,00" not in page and "84000" not in page  # the refusal's value, nor the total's
    _rows, total = statistics.public_report(closed)
    assert (total.granted, total.granted_value) == (3, Decimal("252000.00"))
    assert (total.refused, total.refused_value) == ("—", None)  # the one small cell would show through
    assert f"/{closed}/" in client.get("/strategische-goederen/rapport/").content.decode()


def test_holder_sees_own_licences_outsiders_get_404(client, granted, applicant, other_applicant, handler, org):
    licence = Licence.objects.get(case=granted)
    client.force_login(applicant)
    assert licence.number in client.get("/loket/vergunningen/").content.decode()
    assert client.get(f"/loket/vergunningen/{licence.number}/").status_code == 200
    link = granted.documents.get(document=licence.document)
    download = client.get(f"/loket/{granted.reference}/stukken/{link.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(other_applicant)
    assert licence.number not in client.get("/loket/vergunningen/").content.decode()
    assert client.get(f"/loket/vergunningen/{licence.number}/").status_code == 404
    client.force_login(org.users["civil_servant"])  # another department
    assert client.get(f"/app/vergunningen/{licence.number}/").status_code in (403, 404)
    client.force_login(handler)
    page = client.get(f"/app/vergunningen/{licence.number}/")
    assert page.status_code == 200 and licence.number in page.content.decode()
    for url in ("/app/vergunningen/", "/app/vergunningen/algemene/", "/app/vergunningen/machtigingen/",
                "/app/vergunningen/statistieken/"):  # fmt: skip
        assert client.get(url).status_code == 200, url


def test_holder_reports_use_on_the_page(client, granted, applicant):
    licence = Licence.objects.get(case=granted)
    client.force_login(applicant)
    url = f"/loket/vergunningen/{licence.number}/"
    today = timezone.localdate().isoformat()
    ok = client.post(url, {"used_on": today, "quantity": 2, "value_eur": "1000", "destination_country": "CA"})
    assert ok.status_code == 302 and licence.use_reports.count() == 1
    too_much = client.post(url, {"used_on": today, "quantity": 1, "value_eur": "90000", "destination_country": "CA"})
    assert too_much.status_code == 400 and licence.use_reports.count() == 1


def test_handler_renews_on_the_page(client, granted, handler):
    licence = Licence.objects.get(case=granted)
    client.force_login(handler)
    assert client.post(f"/app/vergunningen/{licence.number}/verlengen/", {"reason": ""}).status_code == 302
    licence.refresh_from_db()
    assert licence.renewed_on is not None


def test_registration_at_the_counter(client, applicant):
    client.force_login(applicant)
    assert client.get("/loket/vergunningen/algemene/registreren/").status_code == 200
    response = client.post("/loket/vergunningen/algemene/registreren/", {
        "company_name": "Precisie Optiek NV", "registration_number": "0123.456.749", "general_licence": "EU004",
        "first_use_on": timezone.localdate().isoformat()})  # fmt: skip
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_licence_report_command(decide, applicant, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    for _ in range(3):
        decide(applicant)
    with pytest.raises(CommandError):
        call_command("licence_report", str(timezone.localdate().year))  # not closed: not published
    year = into_last_year()
    target = tmp_path / "rapport.csv"
    call_command("licence_report", str(year), output=str(target))
    assert target.read_text(encoding="utf-8") == statistics.as_csv(year)
    assert "CA,6,3,252000.00" in target.read_text(encoding="utf-8")


def test_the_case_pages_name_the_licence_for_each_reader(client, granted, applicant, handler):
    licence = Licence.objects.get(case=granted)
    client.force_login(applicant)
    own = client.get(f"/loket/{granted.reference}/").content.decode()
    assert f'href="/loket/vergunningen/{licence.number}/"' in own
    client.force_login(handler)
    handled = client.get(f"/app/zaken/{granted.reference}/").content.decode()
    assert f'href="/app/vergunningen/{licence.number}/"' in handled


def test_a_case_without_licence_shows_no_licence_section(client, decide, applicant, handler):
    refused = decide(applicant, decision="refuse", reason="Criterium 7.")
    client.force_login(handler)
    assert 'id="licence"' not in client.get(f"/app/zaken/{refused.reference}/").content.decode()
