"""The public side: /oproepen/ lists the open calls (not drafts, not closed ones), a call's page,
the granted grants as a page, CSV in /open-data/ and the API (`/api/v1/grants`, `/api/v1/calls`),
where a protected beneficiary is never named nor located; and the procedures command."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from chancery.grants.testing import PERSON_AT_RISK, apply, fire, open_call, to_assessed

SECRET_NAME = PERSON_AT_RISK["name"]


@pytest.fixture
def granted(applicant, grants, call, reviewers):
    """Two granted grants: one of the tests' company, one of a protected person at risk."""
    from chancery.core.models import Role
    from chancery.core.testing import make_user

    open_case = apply(applicant, call)
    to_assessed(grants, open_case, reviewers[:1])
    fire(open_case, "award", grants, "Toegekend.")
    defender = make_user("t-verdediger", Role.APPLICANT)
    protected = apply(defender, call, party=PERSON_AT_RISK, protected=True, country="BY",
                      purpose="Veilige huisvesting van Nadia Karimova in Minsk.")  # fmt: skip
    to_assessed(grants, protected, reviewers[1:])
    fire(protected, "award", grants, "Toegekend.")
    return open_case, protected


def test_the_open_calls_page_lists_open_calls_only(client, grants, fund, call):
    now = timezone.now()
    open_call(grants, fund, title="Nog een ontwerp", publish=False)
    open_call(grants, fund, title="Al gesloten", opens_at=now - datetime.timedelta(days=30),
              closes_at=now - datetime.timedelta(days=1))  # fmt: skip
    page = client.get("/oproepen/")
    assert page.status_code == 200
    text = page.content.decode()
    assert call.title in text and "Nog een ontwerp" not in text and "Al gesloten" not in text
    detail = client.get(call.get_absolute_url())
    assert detail.status_code == 200 and "Relevantie voor de doelstellingen" in detail.content.decode()
    assert "/loket/nieuw/SUB/" in detail.content.decode()


def test_a_draft_call_has_no_public_page(client, grants, fund):
    draft = open_call(grants, fund, title="Geheim ontwerp", publish=False)
    assert client.get(f"/oproepen/{draft.slug}/").status_code == 404


def test_the_api_lists_published_calls(client, grants, fund, call):
    open_call(grants, fund, title="Nog een ontwerp", publish=False)
    body = client.get("/api/v1/calls").json()
    assert [c["title"] for c in body["results"]] == [call.title]
    first = body["results"][0]
    assert first["is_open"] and first["max_grant_eur"] == "100000.00" and len(first["criteria"]) == 3


def test_granted_grants_in_the_api_without_the_protected_identity(client, granted):
    body = client.get("/api/v1/grants").json()
    assert len(body["results"]) == 2
    rows = {row["beneficiary"]: row for row in body["results"]}
    assert rows["Precisie Optiek NV"]["amount_eur"] == "45000.00"
    assert rows["Precisie Optiek NV"]["programme"] == "mensenrechtenfonds"
    assert set(rows["Precisie Optiek NV"]) >= {"programme", "year", "beneficiary", "country", "amount_eur",
                                               "purpose", "decided_on"}  # fmt: skip
    protected = rows[None]
    assert protected["country"] is None and protected["purpose"] is None
    raw = json.dumps(body)
    assert SECRET_NAME not in raw and "Minsk" not in raw
    year = timezone.localdate().year
    assert len(client.get(f"/api/v1/grants?programme=mensenrechtenfonds&year={year}").json()["results"]) == 2
    assert client.get(f"/api/v1/grants?year={year - 1}").json()["results"] == []
    assert client.get("/api/v1/grants?programme=humanitaire-hulp").json()["results"] == []


def test_granted_grants_page_and_csv_without_the_protected_identity(client, granted):
    page = client.get("/oproepen/toekenningen/").content.decode()
    csv_text = client.get("/open-data/subsidies.csv").content.decode()
    for text in (page, csv_text):
        assert "Precisie Optiek NV" in text and "beschermde begunstigde" in text
        assert SECRET_NAME not in text and "Minsk" not in text and ",BY," not in text
    assert csv_text.splitlines()[0] == "programme,year,beneficiary,country,amount_eur,purpose,decided_on"


def test_the_protected_file_is_hidden_from_everyone_outside_the_service(granted, org, grants):
    """The access matrix over the grants' models: every role of the tests' organisation but the
    secretariat and administrators (who see all) reads nothing of the protected file; the grants
    service does."""
    from chancery.grants.models import Application, Review, Score
    from chancery.procedures.models import Case

    _open, protected = granted
    for role, user in org.users.items():
        if role in ("admin", "secretariat"):
            continue
        assert not Case.objects.visible_to(user).filter(pk=protected.pk).exists(), role
        assert not Application.objects.visible_to(user).filter(case=protected).exists(), role
        assert not Review.objects.visible_to(user).filter(application__case=protected).exists(), role
        assert not Score.objects.visible_to(user).filter(review__application__case=protected).exists(), role
    assert Application.objects.visible_to(grants).filter(case=protected).exists()


def test_the_procedures_command_lists_the_grant_and_prize_procedures():
    out = io.StringIO()
    call_command("procedures", "--json", stdout=out)
    codes = {p["code"] for p in json.loads(out.getvalue())["procedures"]}
    assert {"SUB", "MRP", "CSG", "VM"} <= codes


def test_the_open_data_page_and_catalogue_offer_the_grants_csv(client, granted):
    from rdflib import Graph
    from rdflib.namespace import DCAT

    page = client.get("/open-data/").content.decode()
    assert 'href="/open-data/subsidies.csv"' in page
    catalogue = client.get("/open-data/?format=ttl").content.decode()
    downloads = {str(url) for url in Graph().parse(data=catalogue, format="turtle").objects(None, DCAT.downloadURL)}
    assert any(url.endswith("/open-data/subsidies.csv") for url in downloads)
    assert SECRET_NAME not in catalogue
