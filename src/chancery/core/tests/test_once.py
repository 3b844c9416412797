"""Create forms are carried out once (issue 14: a double press made two meetings and two licence
applications): the token of the rendered form makes the second press show the first result."""

import re

from django.urls import reverse

from chancery.core.models import SentForm
from chancery.decisions.models import Meeting

MEETING = {"kind": "regular", "starts_at": "2026-12-18T10:00", "place": "Brussel"}


def token_of(response) -> str:
    return re.search(r'name="form_token" value="([0-9a-f-]{36})"', response.content.decode()).group(1)


def test_a_second_press_shows_the_first_meeting(client, org):
    client.force_login(org.users["secretariat"])
    url = reverse("decisions:meeting_create")
    token = token_of(client.get(url))
    first = client.post(url, {**MEETING, "form_token": token})
    second = client.post(url, {**MEETING, "form_token": token}, follow=True)
    meeting = Meeting.objects.get()
    assert first["Location"] == meeting.get_absolute_url()
    assert second.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert "Dit formulier werd al verzonden" in second.content.decode()
    # A new rendering of the form is a new meeting.
    client.post(url, {**MEETING, "form_token": token_of(client.get(url))})
    assert Meeting.objects.count() == 2


def test_a_refused_form_lets_its_token_go(client, org):
    client.force_login(org.users["secretariat"])
    url = reverse("decisions:meeting_create")
    token = token_of(client.get(url))
    refused = client.post(url, {**MEETING, "starts_at": "gisteren", "form_token": token})
    assert refused.status_code == 400 and not SentForm.objects.exists()
    assert token_of(refused) != token  # the page shown again carries a new token
    assert client.post(url, {**MEETING, "form_token": token}).status_code == 302
    assert Meeting.objects.count() == 1


def test_without_a_token_a_form_works_as_before(client, org):
    client.force_login(org.users["secretariat"])
    url = reverse("decisions:meeting_create")
    client.post(url, MEETING)
    client.post(url, {**MEETING, "form_token": "geen token"})
    assert Meeting.objects.count() == 2 and not SentForm.objects.exists()


def test_another_users_token_shows_them_nothing_of_the_first(client, org):
    url = reverse("decisions:meeting_create")
    client.force_login(org.users["secretariat"])
    token = token_of(client.get(url))
    client.post(url, {**MEETING, "form_token": token})
    client.force_login(org.users["admin"])
    response = client.post(url, {**MEETING, "form_token": token})
    assert "Dit formulier werd al verzonden" not in client.get(response["Location"]).content.decode()
    assert Meeting.objects.count() == 2


def test_every_create_form_carries_a_token():
    """The create views are decorated with `once` and their templates render the token."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    decorated = {
        path.relative_to(root).as_posix(): re.findall(r"@once\n(?:@\w+\n)*def (\w+)", path.read_text())
        for path in root.glob("*/views*.py")
    } | {
        path.relative_to(root).as_posix(): re.findall(r"@once\n(?:@\w+\n)*def (\w+)", path.read_text())
        for path in root.glob("*/views/*.py")
    }
    names = {name for found in decorated.values() for name in found}
    assert {
        "meeting_create", "item_add", "item_attach", "submission_create", "publication_start", "document_create",
        "initiative_create", "milestone_add", "vision_notes", "report_list", "counter_apply", "case_note",
        "case_document", "counter_message", "counter_answer", "counter_licence", "counter_register",
        "counter_registration", "authorisations",
    } <= names  # fmt: skip
    templates = [p for p in root.glob("*/templates/**/*.html") if "{% form_token %}" in p.read_text()]
    assert all("once" in re.search(r"{% load [^%]*%}", p.read_text()).group(0) or "{% load once %}" in p.read_text()
               for p in templates)  # fmt: skip
    assert len(templates) >= 14
