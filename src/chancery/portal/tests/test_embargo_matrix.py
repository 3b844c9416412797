"""The embargo and confidentiality matrix, across every way out: portal pages, the decision and
document permalinks and their linked data, search and its feed, the minister's feed, the sitemap,
the open-data dumps and their catalogue, and the API (anonymous, read-public token, and a
read-internal token of someone outside the council). Before the release no surface names the
meeting's items; after it, every surface shows the public item and none the confidential one."""

import pytest
from django.urls import reverse

from chancery.api.models import ApiToken
from chancery.core.models import AccessLevel
from chancery.core.testing import pdf_upload
from chancery.decisions import services
from chancery.decisions.models import DecisionResult, Theme
from chancery.decisions.testing import release
from chancery.portal.search.tantivy_index import indexer, schema

PUBLIC = PUBLIC_TITLE = "Zeehavendecreet"
SECRET = "Geheimdossier"


@pytest.fixture
def scene(secretariat, meeting, add, org, themes):
    # Both items belong to dossiers under one theme, so that theme pages and facets are tried too.
    theme = Theme.objects.get(slug="economie")
    public, secret = (
        _dossier_item(secretariat, meeting, org, title, level, theme)
        for title, level in ((PUBLIC, AccessLevel.PUBLIC), (SECRET, AccessLevel.CONFIDENTIAL))
    )
    services.attach_document(secretariat, public, title=f"Nota {PUBLIC}", upload=pdf_upload(), access_level="public")
    services.attach_document(secretariat, secret, title=f"Nota {SECRET}", upload=pdf_upload("g.pdf", "geheim"))
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    for item in services.final_items(meeting):
        services.record_decision(secretariat, item, result=DecisionResult.APPROVED, text=f"Besluit {item.short_title}")
    items = {item.step.dossier.short_title: item for item in services.final_items(meeting)}
    _token, public_key = ApiToken.issue(org.users["applicant"], ["read-public"])
    _token, internal_key = ApiToken.issue(org.users["civil_servant"], ["read-public", "read-internal"])
    return {"meeting": meeting, "items": items, "keys": {"public": public_key, "internal": internal_key}, "org": org}


def _dossier_item(secretariat, meeting, org, title, level, theme):
    dossier = services.create_dossier(secretariat, title=title, short_title=title, access_level=level)
    services.set_themes(secretariat, dossier, [theme])
    step = services.add_step(
        secretariat, dossier, kind="principle_approval", title=title, mandatees=[org.mandatees["a"]]
    )
    return services.put_step_on_agenda(secretariat, step, meeting)


def surfaces(scene):
    """(name, url, headers) of every public way out; the dumps are read after they are rebuilt."""
    meeting, items = scene["meeting"], scene["items"]
    minister = scene["org"].mandatees["a"]
    ask = [
        ("portal list", reverse("portal:decisions"), {}),
        ("meeting page", reverse("portal:meeting", args=[meeting.uuid]), {}),
        ("meeting turtle", reverse("portal:meeting", args=[meeting.uuid]), {"HTTP_ACCEPT": "text/turtle"}),
        ("meeting json-ld", reverse("portal:meeting", args=[meeting.uuid]) + "?format=jsonld", {}),
        ("search", reverse("search") + "?q=besluit", {}),
        ("search feed", reverse("search_feed") + "?q=besluit", {}),
        ("minister page", reverse("portal:minister", args=[minister.pk]), {}),
        ("minister feed", reverse("portal:minister_feed", args=[minister.pk]), {}),
        ("sitemap", "/sitemap.xml", {}),
        ("home", "/", {}),
        ("open data catalogue", reverse("open_data") + "?format=ttl", {}),
        ("themes", reverse("portal:themes"), {}),
        ("theme page", reverse("portal:theme", args=["economie"]), {}),
        ("theme feed", reverse("portal:theme_feed", args=["economie"]), {}),
        ("search by theme", reverse("search") + "?q=besluit&thema=economie", {}),
        ("dossier page", reverse("portal:dossier", args=[items[PUBLIC_TITLE].step.dossier.uuid]), {}),
    ]
    for short_title, item in items.items():
        page = reverse("portal:decision", args=[meeting.uuid, item.lineage])
        ask += [
            (f"decision page {short_title}", page, {}),
            (f"decision turtle {short_title}", page + "?format=ttl", {}),
        ]
    for name in ("decisions.csv", "decisions.jsonl", "decisions.ttl", "documents.csv", "documents.jsonl"):
        ask.append((name, reverse("open_data_file", args=[name]), {}))
    for who, headers in (
        ("anonymous", {}),
        ("read-public token", {"HTTP_AUTHORIZATION": f"Bearer {scene['keys']['public']}"}),
        ("read-internal token", {"HTTP_AUTHORIZATION": f"Bearer {scene['keys']['internal']}"}),
    ):
        for collection in ("meetings", "agenda-items", "decisions", "documents", "dossiers", "publications"):
            ask.append((f"api {collection} ({who})", f"/api/v1/{collection}", headers))
        ask.append((f"api decision search ({who})", "/api/v1/decisions?q=besluit", headers))
    return ask


def body(client, url, headers) -> str:
    response = client.get(url, **headers)
    if response.status_code in (404, 410):
        return ""
    assert response.status_code == 200, (url, response.status_code)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


@pytest.mark.parametrize("search_by", ["database", "overlay", "index"])
def test_nothing_leaves_before_the_release_and_only_the_public_item_after(
    client, secretariat, scene, django_capture_on_commit_callbacks, search_by
):
    # Search answered by the database alone; by the public index built before the release, with
    # what the release changed answered by the database (the overlay); or by the index brought up
    # to date after the release (what the worker does once the release commits).
    if search_by != "database":
        indexer.sync()
    before = {name: body(client, url, headers) for name, url, headers in surfaces(scene)}
    for name, text in before.items():
        # A civil servant may see the decided item internally ("internal_government" rules), but
        # nothing may name the confidential one; outsiders see neither.
        assert SECRET not in text, f"{name} leaks the confidential item before the release"
        if "read-internal" not in name:
            assert PUBLIC not in text, f"{name} shows an embargoed item"
    with django_capture_on_commit_callbacks(execute=True):
        release(secretariat, scene["meeting"], "decisions", "documents")
    if search_by == "index":
        indexer.sync()
    assert schema.available() == (search_by != "database")
    after = {name: body(client, url, headers) for name, url, headers in surfaces(scene)}
    for name, text in after.items():
        assert SECRET not in text, f"{name} leaks the confidential item after the release"
    shows_public = {name for name, text in after.items() if PUBLIC in text}
    must_show = {
        "meeting page", "meeting turtle", "meeting json-ld", "search", "search feed",
        "minister page", "minister feed", f"decision page {PUBLIC}", f"decision turtle {PUBLIC}",
        "decisions.csv", "decisions.jsonl", "decisions.ttl", "documents.csv", "documents.jsonl",
        "api agenda-items (anonymous)", "api decision search (anonymous)", "theme page", "theme feed",
        "search by theme",
    }  # fmt: skip
    assert must_show <= shows_public, must_show - shows_public
