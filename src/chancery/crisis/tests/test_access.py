"""Confidential by default: a crisis, its logbook, tasks, reports and exports are for the people named
on it and the coordinators. Everyone else gets 404 on every address of it, GET and POST alike, and
finds nothing of it in the register, the home page or the API."""

import pytest
from django.urls import reverse

from chancery.core import visibility
from chancery.crisis import services
from chancery.crisis.models import Crisis, LogEntry, SituationReport, Task
from chancery.crisis.testing import fill

OUTSIDERS = ("minister_concerned", "cabinet_concerned", "minister_other", "expert", "applicant")


@pytest.fixture
def filled(crisis, org):
    fill(crisis, org.users["civil_servant"])
    return crisis


def addresses(crisis):
    task = Task.objects.filter(crisis=crisis).first()
    report = SituationReport.objects.get(crisis=crisis)
    pk = crisis.pk
    get = [
        reverse("crisis:crisis", args=[pk]),
        reverse("crisis:report", args=[pk, report.number]),
        reverse("crisis:report_pdf", args=[pk, report.number]),
        reverse("crisis:report_xml", args=[pk, report.number]),
    ]
    post = [
        reverse("crisis:entry_add", args=[pk]),
        reverse("crisis:entry_correct", args=[pk, 1]),
        reverse("crisis:level", args=[pk]),
        reverse("crisis:close", args=[pk]),
        reverse("crisis:member_add", args=[pk]),
        reverse("crisis:task_add", args=[pk]),
        reverse("crisis:task_done", args=[pk, task.pk]),
        reverse("crisis:contact_add", args=[pk]),
        reverse("crisis:lesson_add", args=[pk]),
        reverse("crisis:finding_add", args=[pk]),
        reverse("crisis:report_add", args=[pk]),
    ]
    return get, post


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_others_get_404_everywhere(client, filled, org, outsider):
    client.force_login(org.users[outsider])
    get, post = addresses(filled)
    entries = LogEntry.objects.count()
    for url in get:
        assert client.get(url).status_code == 404, url
    for url in post:
        assert client.post(url, {"entry-text": "ingebroken", "level-level": "national"}).status_code == 404, url
    assert LogEntry.objects.count() == entries
    assert filled.title not in client.get("/").content.decode()
    register = client.get(reverse("crisis:crises"))
    # In the administration they may open the register, which lists nothing of this crisis; outside it, not at all.
    assert register.status_code == (200 if outsider != "expert" and outsider != "applicant" else 403)
    assert filled.title not in register.content.decode()


def test_no_crisis_in_the_api(client, filled, org):
    """The register has no API collection: nothing of a crisis answers under /api/v1/."""
    client.force_login(org.users["minister_concerned"])
    for name in ("crises", "crisis", f"crises/{filled.pk}"):
        assert client.get(f"/api/v1/{name}").status_code == 404


def test_a_crisis_that_does_not_exist_answers_the_same(client, filled, org):
    client.force_login(org.users["minister_concerned"])
    assert client.get(reverse("crisis:crisis", args=[filled.pk])).status_code == 404
    assert client.get(reverse("crisis:crisis", args=[filled.pk + 1000])).status_code == 404


def test_the_cell_and_the_coordinators_see_it(client, filled, org):
    get, _post = addresses(filled)
    for name in ("civil_servant", "secretariat", "admin"):
        client.force_login(org.users[name])
        for url in get:
            assert client.get(url).status_code == 200, (name, url)
        assert filled.title in client.get(reverse("crisis:crises")).content.decode()


def test_naming_someone_entitles_them(client, filled, org):
    minister = org.users["minister_concerned"]
    url = reverse("crisis:crisis", args=[filled.pk])
    client.force_login(minister)
    assert client.get(url).status_code == 404
    services.name_member(org.users["secretariat"], filled, minister)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("reader", ["civil_servant", "minister_concerned", "expert", "secretariat"])
def test_the_rule_in_python_equals_the_sql(filled, org, reader):
    user = org.users[reader]
    for model in (Crisis, LogEntry, Task, SituationReport):
        visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
        assert visible == {o.pk for o in model.objects.all() if visibility.evaluate(o, user)}
