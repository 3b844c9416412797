"""The REST API: the same confidentiality as the pages, tokens and scopes, cursor pages, problem
details, ETags, rate limits, and its OpenAPI document."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from chancery.api.models import ApiToken
from chancery.decisions import services
from chancery.decisions.models import DecisionResult
from chancery.decisions.testing import decided_meeting, release


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def decided(secretariat, meeting, add):
    return decided_meeting(secretariat, meeting, add)


def texts(response):
    return sorted(d["text"] for d in response.json()["results"])


def test_root_lists_the_collections(api, db):
    body = api.get("/api/v1/").json()
    for name in ("meetings", "agenda-items", "decisions", "dossiers", "documents"):
        assert body[name].startswith("http://testserver/api/v1/")


def test_anonymous_callers_get_exactly_what_the_portal_shows(api, decided, secretariat):
    assert api.get("/api/v1/decisions").json() == {"results": [], "next": None}
    assert api.get("/api/v1/meetings").json()["results"] == []
    release(secretariat, decided)
    body = api.get("/api/v1/decisions").json()
    assert [d["text"] for d in body["results"]] == ["Besluit over Oostgrensprogramma"]
    decision = body["results"][0]
    assert decision["url"] == f"http://testserver/api/v1/decisions/{decision['id']}"
    assert decision["permalink"].startswith(f"http://testserver/besluiten/{decided.uuid}/punten/")
    assert api.get(decision["permalink"], HTTP_ACCEPT="text/turtle")["Content-Type"].startswith("text/turtle")
    assert api.get(decision["url"]).json()["id"] == decision["id"]
    meetings = api.get("/api/v1/meetings").json()["results"]
    assert [m["id"] for m in meetings] == [decided.pk]


def test_tokens_and_scopes(api, decided, secretariat, org, capsys):
    release(secretariat, decided)
    call_command("token", "t-minister-a", "--scope", "read-public")
    public_key = capsys.readouterr().out.strip()
    call_command("token", "t-minister-a", "--scope", "read-internal")
    internal_key = capsys.readouterr().out.strip()
    assert public_key.startswith("chy_") and ApiToken.objects.count() == 2
    assert not ApiToken.objects.filter(key_hash=public_key).exists()  # only the hash is kept
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {public_key}")
    assert texts(api.get("/api/v1/decisions")) == ["Besluit over Oostgrensprogramma"]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {internal_key}")
    assert texts(api.get("/api/v1/decisions")) == ["Besluit over Geheim punt", "Besluit over Oostgrensprogramma"]
    api.credentials(HTTP_AUTHORIZATION="Bearer chy_nonsense")
    response = api.get("/api/v1/decisions")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401 and response.json()["title"]


def test_search_through_the_api(api, decided, secretariat):
    release(secretariat, decided)
    assert texts(api.get("/api/v1/decisions", {"q": "oostgrensprogramma"})) == ["Besluit over Oostgrensprogramma"]
    assert texts(api.get("/api/v1/decisions", {"q": "geheim"})) == []


def test_cursor_pages(api, secretariat, meeting, add):
    for n in range(7):
        add(meeting, f"Punt {n}")
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    for item in services.final_items(meeting):
        services.record_decision(secretariat, item, result=DecisionResult.APPROVED, text=item.short_title)
    release(secretariat, meeting)
    seen, url = [], "/api/v1/decisions?page_size=3"
    while url:
        body = api.get(url).json()
        seen += [d["id"] for d in body["results"]]
        url = body["next"]
    assert len(seen) == 7 and len(set(seen)) == 7


def test_unknown_objects_and_hidden_ones_are_404_problems(api, decided):
    hidden = services.final_items(decided).get(short_title="Geheim punt").decision
    response = api.get(f"/api/v1/decisions/{hidden.pk}")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_etags_and_conditional_requests(api, decided, secretariat):
    release(secretariat, decided)
    first = api.get("/api/v1/decisions")
    assert first.has_header("ETag")
    again = api.get("/api/v1/decisions", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_rate_limit_per_anonymous_client(api, db, settings):
    from django.core.cache import caches

    cache = caches["shared"]  # where the limits are counted
    cache.clear()
    from chancery.api.throttling import PerClientThrottle

    rates = {**PerClientThrottle.THROTTLE_RATES, "anonymous": "3/min"}
    PerClientThrottle.THROTTLE_RATES = rates
    try:
        statuses = [api.get("/api/v1/meetings").status_code for _ in range(4)]
    finally:
        PerClientThrottle.THROTTLE_RATES = {
            **rates,
            "anonymous": settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anonymous"],
        }
        cache.clear()
    assert statuses == [200, 200, 200, 429]


def test_openapi_document(api, db):
    response = api.get(reverse("api:openapi"))
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/meetings",
        "/api/v1/agenda-items",
        "/api/v1/decisions",
        "/api/v1/dossiers",
        "/api/v1/documents",
    ):
        assert path in schema["paths"], path
    listing = schema["paths"]["/api/v1/decisions"]["get"]
    assert any(p["name"] == "q" for p in listing["parameters"])


def test_filtering_and_ordering(api, decided, secretariat, meeting):
    release(secretariat, decided)
    later = services.create_meeting(secretariat, starts_at=meeting.starts_at + datetime.timedelta(days=7))
    internal = APIClient()
    _token, key = ApiToken.issue(secretariat, ["read-public", "read-internal"])
    internal.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    oldest_first = [m["id"] for m in internal.get("/api/v1/meetings?ordering=starts_at").json()["results"]]
    newest_first = [m["id"] for m in internal.get("/api/v1/meetings?ordering=-starts_at").json()["results"]]
    assert oldest_first == [meeting.pk, later.pk] and newest_first == [later.pk, meeting.pk]
    assert [m["id"] for m in internal.get("/api/v1/meetings?state=planned").json()["results"]] == [later.pk]
    results = api.get(f"/api/v1/decisions?meeting={meeting.pk}&result=approved").json()["results"]
    assert [d["text"] for d in results] == ["Besluit over Oostgrensprogramma"]
    assert api.get("/api/v1/decisions?result=postponed").json()["results"] == []
    bad = api.get("/api/v1/decisions?result=exploded", HTTP_ACCEPT_LANGUAGE="nl")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert "result" in bad.json()["errors"]
    # Identifiers past what the database holds, or not whole: refused, never a server error.
    for value in ("99999999999999999999999", "-99999999999999999999999", "1.5"):
        refused = api.get(f"/api/v1/agenda-items?meeting={value}")
        assert refused.status_code == 400 and "meeting" in refused.json()["errors"], value


def test_publications_published_ones_for_outsiders_with_their_eli(api, decided, secretariat, meeting):
    release(secretariat, decided)
    item = services.final_items(meeting).get(short_title="Oostgrensprogramma")
    secret = services.final_items(meeting).get(short_title="Geheim punt")
    day = timezone.localdate()  # steps happen today; the act bears the meeting's date
    meeting_day = timezone.localtime(meeting.starts_at).date()
    pending = services.start_publication(secretariat, item, regulation_type="government_decision", on=day)
    hidden = services.start_publication(secretariat, secret, regulation_type="decree", on=day)
    assert api.get("/api/v1/publications").json()["results"] == []  # steps in progress are internal
    _token, key = ApiToken.issue(secretariat, ["read-public", "read-internal"])
    internal = APIClient()
    internal.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    numbers = {p["number"] for p in internal.get("/api/v1/publications").json()["results"]}
    assert numbers == {pending.number, hidden.number}
    for step, extra in (
        ("proof_requested", {}),
        ("proof_received", {}),
        ("publication_requested", {"planned_date": day}),
        ("published", {"numac": "2026031234"}),
    ):
        services.record_step(secretariat, pending, step, on=day, **extra)
    [published] = api.get("/api/v1/publications").json()["results"]
    assert published["numac"] == "2026031234" and published["permalink"].endswith(f"/punten/{item.lineage}/")
    assert published["eli"] == f"http://www.ejustice.just.fgov.be/eli/besluit/{meeting_day:%Y/%m/%d}/2026031234"


def test_unknown_ordering_and_page_size_are_refused_and_the_allowed_ones_documented(api, decided, secretariat):
    """A value the API would have ignored answers 400 naming the parameter and what it allows, in
    every collection; the OpenAPI document lists the orderings and the page sizes."""
    from chancery.api import routes

    release(secretariat, decided)
    schema = api.get("/api/v1/openapi.json?lang=en").json()
    collections = [f"/api/v1/{route.prefix}" for route in routes.routes()] + ["/api/v1/documents"]
    for path in collections:
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}, path
        for value in ("0", "201", "-3", "ten", "1.5"):
            refused = api.get(path, {"page_size": value}, HTTP_ACCEPT_LANGUAGE="nl")
            assert refused.status_code == 400, (path, value)
            assert refused["Content-Type"] == "application/problem+json" and "page_size" in refused.json()["errors"]
        assert api.get(path, {"page_size": "200"}).status_code == 200, path
        refused = api.get(path, {"ordering": "secret_field"}, HTTP_ACCEPT_LANGUAGE="nl")
        assert refused.status_code == 400 and "ordering" in refused.json()["errors"], path
        if "ordering" in parameters:
            allowed = parameters["ordering"]["schema"]["items"]["enum"]
            assert allowed and all(f"-{name}" in allowed for name in allowed if not name.startswith("-")), path
            for value in allowed:
                assert api.get(path, {"ordering": value}).status_code == 200, (path, value)
            mixed = api.get(path, {"ordering": f"{allowed[0]},secret_field"})
            assert mixed.status_code == 400 and "secret_field" in str(mixed.json()["errors"]["ordering"]), path
    # A collection that declares its orderings lists them.
    meetings = {p["name"]: p for p in schema["paths"]["/api/v1/meetings"]["get"]["parameters"]}
    assert set(meetings["ordering"]["schema"]["items"]["enum"]) == {"starts_at", "-starts_at", "number", "-number"}
