"""Open-data dumps and the sitemap carry only what is released, and follow each release."""

import csv
import io
import json

from django.urls import reverse

from chancery.core.models import AccessLevel
from chancery.decisions import services
from chancery.decisions.models import DecisionResult
from chancery.decisions.testing import decided_meeting
from chancery.decisions.testing import release as release_meeting


def decided(secretariat, meeting, add, titles):
    decided_meeting(secretariat, meeting, add, titles, text="Besluit {title}")


def release(secretariat, meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        release_meeting(secretariat, meeting)


def test_dumps_are_made_at_each_release_with_only_public_decisions(
    client, secretariat, meeting, add, django_capture_on_commit_callbacks
):
    assert "Nog geen bestanden" in client.get(reverse("open_data")).content.decode()
    decided(secretariat, meeting, add, [("Oostgrens", AccessLevel.PUBLIC), ("Geheim", AccessLevel.CONFIDENTIAL)])
    assert client.get(reverse("open_data_file", args=["decisions.csv"])).status_code == 404
    release(secretariat, meeting, django_capture_on_commit_callbacks)
    response = client.get(reverse("open_data_file", args=["decisions.csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["short_title"] for row in rows] == ["Oostgrens"]
    assert rows[0]["decision"] == "Besluit Oostgrens" and "/punten/" in rows[0]["permalink"]
    lines = b"".join(client.get(reverse("open_data_file", args=["decisions.jsonl"])).streaming_content).decode()
    assert [json.loads(line)["short_title"] for line in lines.splitlines()] == ["Oostgrens"]
    assert "decisions.csv" in client.get(reverse("open_data")).content.decode()
    assert client.get("/open-data/..%2Fsettings.py").status_code == 404
    assert client.get("/open-data/unknown.csv").status_code == 404


def test_sitemap_lists_released_meetings_only(client, secretariat, meeting, add, django_capture_on_commit_callbacks):
    decided(secretariat, meeting, add, [("Oostgrens", AccessLevel.PUBLIC), ("Geheim", AccessLevel.CONFIDENTIAL)])
    assert str(meeting.uuid) not in client.get("/sitemap.xml").content.decode()
    release(secretariat, meeting, django_capture_on_commit_callbacks)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert str(meeting.uuid) in sitemap
    public, secret = (services.final_items(meeting).get(short_title=title) for title in ("Oostgrens", "Geheim"))
    assert f"/punten/{public.lineage}/" in sitemap and str(secret.lineage) not in sitemap


def test_turtle_and_document_dumps_and_their_dcat_catalogue(
    client, secretariat, meeting, add, django_capture_on_commit_callbacks
):
    from rdflib import Graph
    from rdflib.namespace import DCAT, RDF

    from chancery.core.testing import pdf_upload
    from chancery.portal.linkeddata import BESLUIT

    public = add(meeting, "Oostgrens")
    secret = add(meeting, "Geheim", access_level=AccessLevel.CONFIDENTIAL)
    services.attach_document(secretariat, public, title="Nota Oostgrens", upload=pdf_upload(), access_level="public")
    services.attach_document(secretariat, secret, title="Nota Geheim", upload=pdf_upload("g.pdf", "geheim"))
    decided(secretariat, meeting, add, [])
    with django_capture_on_commit_callbacks(execute=True):
        release_meeting(secretariat, meeting, "decisions", "documents")

    def dump(name):
        return b"".join(client.get(reverse("open_data_file", args=[name])).streaming_content).decode()

    graph = Graph().parse(data=dump("decisions.ttl"), format="turtle")
    assert len(list(graph.subjects(RDF.type, BESLUIT.Besluit))) == 1 and "Geheim" not in dump("decisions.ttl")
    documents = list(csv.DictReader(io.StringIO(dump("documents.csv"))))
    assert [row["title"] for row in documents] == ["Nota Oostgrens"]
    assert client.get(documents[0]["download"]).status_code == 200
    assert [json.loads(line)["title"] for line in dump("documents.jsonl").splitlines()] == ["Nota Oostgrens"]

    catalogue = client.get(reverse("open_data"), HTTP_ACCEPT="text/turtle")
    assert catalogue["Content-Type"].startswith("text/turtle")
    dcat = Graph().parse(data=catalogue.content.decode(), format="turtle")
    assert len(list(dcat.subjects(RDF.type, DCAT.Catalog))) == 1
    # The portal's two, and the granted grants (grants, registered through core.opendata).
    assert len(list(dcat.subjects(RDF.type, DCAT.Dataset))) == 3
    downloads = sorted(str(url).rsplit("/", 1)[1] for url in dcat.objects(None, DCAT.downloadURL))
    assert downloads == sorted(
        ["decisions.csv", "decisions.jsonl", "decisions.ttl", "documents.csv", "documents.jsonl", "subsidies.csv"]
    )
    for url in dcat.objects(None, DCAT.downloadURL):
        assert client.get(str(url)).status_code == 200

    # A correction after the release reaches the dumps too.
    item = services.final_items(meeting).get(lineage=public.lineage)
    with django_capture_on_commit_callbacks(execute=True):
        services.correct_decision(secretariat, item, result=DecisionResult.APPROVED, text="Verbeterd", reason="Typfout")
    assert json.loads(dump("decisions.jsonl").splitlines()[0])["decision"] == "Verbeterd"
