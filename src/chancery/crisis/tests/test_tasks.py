"""Crisis tasks have an owner named on the crisis and a deadline; a task without an owner is refused
clearly, in the service and on the page, and nothing is stored."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from chancery.crisis import services
from chancery.crisis.models import Task


def test_a_task_without_an_owner_is_refused(crisis, org):
    with pytest.raises(ValidationError) as refused:
        services.add_task(org.users["civil_servant"], crisis, title="Generator huren", owner=None,
                          deadline=timezone.now() + datetime.timedelta(hours=2))  # fmt: skip
    assert refused.value.message_dict == {
        "owner": ["Een crisistaak heeft een eigenaar nodig: duid aan wie ze uitvoert."]
    }
    assert not Task.objects.exists()


def test_a_task_without_an_owner_is_refused_on_the_page(client, crisis, org):
    client.force_login(org.users["civil_servant"])
    url = reverse("crisis:crisis", args=[crisis.pk])
    response = client.post(
        reverse("crisis:task_add", args=[crisis.pk]),
        {"task-title": "Generator huren", "task-owner": "", "task-deadline": "2030-01-01T10:00"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url + "#tasks"
    assert "Een crisistaak heeft een eigenaar nodig" in response.content.decode()
    assert not Task.objects.exists()


def test_the_owner_is_named_on_the_crisis_and_a_deadline_is_needed(crisis, org):
    deadline = timezone.now() + datetime.timedelta(hours=2)
    with pytest.raises(ValidationError, match="moet op deze crisis"):
        services.add_task(org.users["civil_servant"], crisis, title="X", owner=org.users["expert"], deadline=deadline)
    with pytest.raises(ValidationError, match="deadline"):
        services.add_task(
            org.users["civil_servant"], crisis, title="X", owner=org.users["civil_servant"], deadline=None
        )
    assert not Task.objects.exists()


def test_a_task_is_done_once_and_an_overdue_task_shows(client, crisis, org):
    actor = org.users["civil_servant"]
    late = services.add_task(actor, crisis, title="Pers verwittigen", owner=actor,
                             deadline=timezone.now() - datetime.timedelta(minutes=5))  # fmt: skip
    assert late.overdue
    client.force_login(actor)
    page = client.get(reverse("crisis:crisis", args=[crisis.pk])).content.decode()
    assert "Pers verwittigen" in page and "over tijd" in page
    services.complete_task(actor, late)
    late.refresh_from_db()
    assert late.done_at is not None and not late.overdue
    with pytest.raises(ValidationError, match="al uitgevoerd"):
        services.complete_task(actor, late)
