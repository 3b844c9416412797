"""`/api/v1/regulations`: the register with `eli`, `title`, `date`, `dossier`, `transposes`,
filtered; an entry under embargo is not listed for outsiders."""

import datetime

import pytest
from django.urls import reverse

from chancery.decisions import services as decisions
from chancery.regulation.models import EuAct
from chancery.regulation.services import register
from chancery.regulation.testing import final_approval, obligations

pytestmark = pytest.mark.django_db

ELI = "http://www.ejustice.just.fgov.be/eli/decreet/2011/12/23/2012035000"


def test_the_collection(client, org):
    secretariat = org.users["secretariat"]
    regulation = register.register_regulation(
        secretariat, kind="decree", title="Materialendecreet", date=datetime.date(2011, 12, 23), eli=ELI
    )
    act = EuAct.objects.create(celex="32008L0098", kind="directive", title="Kaderrichtlijn afvalstoffen")
    register.record_transposition(secretariat, regulation, act)
    register.register_regulation(
        secretariat, kind="government_decision", title="Ander", date=datetime.date(2012, 2, 17)
    )
    answer = client.get("/api/v1/regulations").json()
    assert [r["title"] for r in answer["results"]] == ["Ander", "Materialendecreet"]
    entry = answer["results"][1]
    assert entry["eli"] == ELI and entry["date"] == "2011-12-23" and entry["transposes"] == ["32008L0098"]
    assert entry["dossier"] is None
    assert entry["permalink"].endswith(regulation.get_absolute_url())
    assert client.get("/api/v1/regulations", {"eli": ELI}).json()["results"][0]["id"] == regulation.pk
    assert [r["id"] for r in client.get("/api/v1/regulations", {"transposes": "32008L0098"}).json()["results"]] == [
        regulation.pk
    ]
    assert client.get("/api/v1/regulations", {"regulation_type": "bogus"}).status_code == 400
    detail = client.get(reverse("api:regulation-detail", args=[regulation.pk])).json()
    assert detail["title"] == "Materialendecreet"


def test_an_entry_from_a_dossier_links_it_and_waits_for_the_release(client, org):
    secretariat = org.users["secretariat"]
    dossier, item = final_approval(org)
    draft = register.start_draft(secretariat, dossier, kind="decree", title="Nieuw decreet")
    register.record_calculation(
        secretariat, title="Ex ante", reference_date=datetime.date(2026, 1, 1), obligations=obligations(), draft=draft
    )
    decisions.record_decision(secretariat, item, result="approved")
    assert client.get("/api/v1/regulations").json()["results"] == []
    client.force_login(secretariat)
    (entry,) = client.get("/api/v1/regulations").json()["results"]
    assert entry["dossier"].endswith(reverse("api:dossier-detail", args=[dossier.pk]))
