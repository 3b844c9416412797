"""The register's pages: public list, search, detail by number and by ELI, the text in force on a
date, the burden pages; the back office for the administration (outsiders 403), a draft and its
ex-ante calculation through the forms (bad input: the reason, nothing stored); what one may not see
is 404."""

import datetime
import json

import pytest
from django.urls import reverse

from chancery.core.testing import form_markup_problems
from chancery.decisions.models import Theme
from chancery.regulation.models import BurdenCalculation, DraftRegulation, EuAct
from chancery.regulation.services import register
from chancery.regulation.testing import final_approval, obligations

pytestmark = pytest.mark.django_db

ELI = "http://www.ejustice.just.fgov.be/eli/decreet/2014/04/25/2014035000"


@pytest.fixture
def regulation(org):
    secretariat = org.users["secretariat"]
    theme = Theme.objects.get(label="Omgeving en natuur")
    regulation = register.register_regulation(
        secretariat,
        kind="decree",
        title="Decreet van 25 april 2014 betreffende de omgevingsvergunning",
        date=datetime.date(2014, 4, 25),
        eli=ELI,
        policy_domain=theme,
    )
    register.add_version(secretariat, regulation, valid_from=datetime.date(2017, 2, 23), text="Eerste tekst")
    register.add_version(secretariat, regulation, valid_from=datetime.date(2021, 1, 1), text="Tweede tekst")
    act = EuAct.objects.create(celex="32011L0092", kind="directive", title="MER-richtlijn")
    register.record_transposition(
        secretariat, regulation, act, gold_plating=[register.Provision("art. 5", "Meer projecten", "Eén vergunning")]
    )
    register.record_calculation(
        secretariat, title="Meting 2024", reference_date=datetime.date(2024, 1, 1), obligations=obligations(),
        regulation=regulation,
    )  # fmt: skip
    register.register_regulation(
        secretariat, kind="government_decision", title="Besluit over iets anders", date=datetime.date(2010, 1, 1)
    )
    return regulation


def test_the_register_lists_and_searches(client, regulation):
    page = client.get(reverse("regulation:index")).content.decode()
    assert regulation.title in page and "Besluit over iets anders" in page
    found = client.get(reverse("regulation:index"), {"q": "omgevingsvergunning", "soort": "decree"}).content.decode()
    assert regulation.title in found and "Besluit over iets anders" not in found
    by_domain = client.get(reverse("regulation:index"), {"domein": "omgeving-en-natuur"}).content.decode()
    assert regulation.title in by_domain and "iets anders" not in by_domain
    assert client.get(reverse("regulation:index"), {"soort": "onbekend"}).status_code == 400


def test_the_detail_page_by_number_and_by_eli(client, regulation):
    page = client.get(regulation.get_absolute_url()).content.decode()
    assert ELI in page and "32011L0092" in page and "Eén vergunning" in page
    assert "162.000,00" in page  # the burden: 2.5 h × 54 euro × 1,200
    permalink = reverse("regulation:eli", args=["decreet/2014/04/25/2014035000"])
    assert permalink in page
    assert client.get(permalink).content.decode().count(regulation.title) >= 1
    assert client.get(reverse("regulation:eli", args=["decreet/2014/04/25/999"])).status_code == 404


def test_the_text_in_force_on_a_date(client, regulation):
    url = regulation.get_absolute_url()
    assert "Eerste tekst" in client.get(url, {"op": "2019-06-01"}).content.decode()
    assert "Tweede tekst" in client.get(url, {"op": "2021-01-01"}).content.decode()
    assert "Tweede tekst" not in client.get(url, {"op": "2016-01-01"}).content.decode()
    assert client.get(url, {"op": "gisteren"}).status_code == 400


def test_the_burden_pages(client, regulation):
    overview = client.get(reverse("regulation:burden")).content.decode()
    assert "Omgeving en natuur" in overview and "121.500,00" in overview
    calculation = BurdenCalculation.objects.get()
    page = client.get(calculation.get_absolute_url()).content.decode()
    assert "Jaarlijkse aangifte" in page and "Formulier invullen" in page and "121.500,00" in page


def test_a_regulation_under_embargo_is_404_for_the_public(client, org):
    dossier, item = final_approval(org)
    secretariat = org.users["secretariat"]
    draft = register.start_draft(secretariat, dossier, kind="decree", title="Decreet onder embargo")
    calculation = register.record_calculation(
        secretariat, title="Ex ante", reference_date=datetime.date(2026, 1, 1), obligations=obligations(), draft=draft
    )
    from chancery.decisions import services as decisions

    decisions.record_decision(secretariat, item, result="approved")
    regulation = draft.dossier.regulation
    assert client.get(regulation.get_absolute_url()).status_code == 404
    assert client.get(calculation.get_absolute_url()).status_code == 404
    assert "Decreet onder embargo" not in client.get(reverse("regulation:index")).content.decode()
    client.force_login(secretariat)
    assert client.get(regulation.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role", ["applicant", "expert"])
def test_the_back_office_is_for_the_administration(client, org, role):
    client.force_login(org.users[role])
    assert client.get(reverse("regulation_office:index")).status_code == 403


def test_a_draft_and_its_ex_ante_calculation_through_the_forms(client, org):
    dossier, _item = final_approval(org)
    cabinet = org.users["cabinet_concerned"]
    client.force_login(cabinet)
    office = client.get(reverse("regulation_office:index"))
    assert office.status_code == 200 and not form_markup_problems(office.content.decode())
    response = client.post(
        reverse("regulation_office:index"),
        {"draft-dossier": dossier.pk, "draft-kind": "decree", "draft-title": "Ontwerpdecreet"},
    )
    draft = DraftRegulation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("regulation_office:draft", args=[draft.pk])
    url = reverse("regulation_office:draft", args=[draft.pk])
    bad = {"obligations": [{"name": "o", "activities": [{"name": "a", "time_hours": -1}]}]}
    refused = client.post(
        url,
        {"calculation-title": "Ex ante", "calculation-reference_date": "2026-01-01",
         "calculation-calculation": json.dumps(bad)},
    )  # fmt: skip
    assert refused.status_code == 400
    assert "time_hours" in refused.content.decode() and not BurdenCalculation.objects.exists()
    good = {
        "obligations": [
            {"name": "Melding", "activities": [
                {"name": "Formulier", "target_group": "businesses", "time_hours": "1", "out_of_pocket_eur": "0",
                 "population": "100", "frequency_per_year": "1", "business_as_usual_share": "0", "one_off": False},
            ]}
        ]
    }  # fmt: skip
    done = client.post(
        url,
        {"calculation-title": "Ex ante", "calculation-reference_date": "2026-01-01",
         "calculation-calculation": json.dumps(good)},
    )  # fmt: skip
    assert done.status_code == 302
    calculation = BurdenCalculation.objects.get()
    assert calculation.draft == draft and calculation.kind == "ex_ante"
    page = client.get(url).content.decode()
    assert "5.400,00" in page  # 1 h × 54 euro (the business tariff of the table) × 100
    assert client.get(calculation.get_absolute_url()).status_code == 200


def test_the_secretariat_enters_a_regulation_by_hand(client, org):
    client.force_login(org.users["secretariat"])
    response = client.post(
        reverse("regulation_office:index"),
        {"regulation-kind": "decree", "regulation-title": "Decreet X", "regulation-date": "2020-01-01",
         "regulation-eli": "https://example.org/geen-eli"},
    )  # fmt: skip
    assert response.status_code == 400 and "/eli/" in response.content.decode()
    response = client.post(
        reverse("regulation_office:index"),
        {"regulation-kind": "decree", "regulation-title": "Decreet X", "regulation-date": "2020-01-01"},
    )
    assert response.status_code == 302


def test_the_regulation_as_linked_data_in_the_eli_vocabulary(client, regulation):
    from rdflib import Graph, Literal, URIRef

    from chancery.regulation.linkeddata import CELEX, ELI

    page = client.get(regulation.get_absolute_url())
    assert 'rel="alternate"; type="text/turtle"' in page["Link"]
    answer = client.get(regulation.get_absolute_url(), HTTP_ACCEPT="text/turtle")
    assert answer["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=answer.content.decode(), format="turtle")
    subject = URIRef(regulation.eli)
    assert (subject, ELI.transposes, URIRef(CELEX + "32011L0092")) in graph
    assert (subject, ELI.date_document, None) in graph
    expression = graph.value(subject, ELI.is_realized_by)
    assert graph.value(expression, ELI.title) == Literal(regulation.title, lang="nl")
    assert len(list(graph.subjects(ELI.is_member_of, subject))) == 2  # its two versions
    as_json = client.get(regulation.get_absolute_url(), {"format": "jsonld"})
    assert as_json["Content-Type"].startswith("application/ld+json")
    assert len(Graph().parse(data=as_json.content.decode(), format="json-ld")) == len(graph)
