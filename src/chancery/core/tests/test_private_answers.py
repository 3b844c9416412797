"""What is made for someone signed in (page or API answer) is not stored by caches; public answers
keep their caching."""

from django.urls import reverse
from rest_framework.test import APIClient

from chancery.api.models import ApiToken, Scope


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and "private" in response["Cache-Control"]


def test_pages_for_a_signed_in_user_are_not_stored(client, org):
    assert not _no_store(client.get(reverse("home")))  # the public's page
    client.force_login(org.users["secretariat"])
    assert _no_store(client.get(reverse("home")))
    assert _no_store(client.get("/bestaat-niet/"))  # error pages too: they carry the user's menu


def test_api_answers_to_a_token_or_session_are_not_stored(org):
    anonymous = APIClient().get("/api/v1/meetings")
    assert anonymous.status_code == 200 and not _no_store(anonymous)
    _token, key = ApiToken.issue(org.users["secretariat"], [Scope.READ_INTERNAL])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert _no_store(api.get("/api/v1/meetings"))
    session = APIClient()
    session.force_login(org.users["secretariat"])
    assert _no_store(session.get("/api/v1/meetings"))
