"""The register's forms through the pages: opening a crisis (coordinators only), escalating it, and the
bad input refused in Dutch with nothing stored."""

from django.urls import reverse

from chancery.crisis.models import Crisis, CrisisMember, LogEntry


def test_a_coordinator_opens_a_crisis_with_its_cell(client, org):
    client.force_login(org.users["secretariat"])
    response = client.post(
        reverse("crisis:crisis_create"),
        {"title": "Storm over Vlaanderen", "kind": "crisis", "type": "natural", "level": "flemish",
         "entities": [org.entities["dept"].pk], "members": [org.users["civil_servant"].pk]},
    )  # fmt: skip
    crisis = Crisis.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("crisis:crisis", args=[crisis.pk])
    assert set(CrisisMember.objects.values_list("user__username", "role")) == {
        ("t-secretariaat", "lead"), ("t-ambtenaar", "member"),
    }  # fmt: skip
    assert LogEntry.objects.get().text == "Geopend op niveau: Vlaamse coördinatie."


def test_only_coordinators_open_crises(client, org):
    client.force_login(org.users["civil_servant"])
    assert client.get(reverse("crisis:crisis_create")).status_code == 403
    response = client.post(reverse("crisis:crisis_create"), {"title": "X", "kind": "crisis", "type": "other",
                                                              "level": "monitoring"})  # fmt: skip
    assert response.status_code == 403 and not Crisis.objects.exists()


def test_escalation_through_the_page_and_a_missing_reason(client, crisis, org):
    client.force_login(org.users["civil_servant"])
    url = reverse("crisis:level", args=[crisis.pk])
    refused = client.post(url, {"level-level": "provincial", "level-reason": ""}, follow=True)
    assert "Dit veld is verplicht." in refused.content.decode()
    crisis.refresh_from_db()
    assert crisis.level == "department"
    client.post(url, {"level-level": "provincial", "level-reason": "Gouverneur kondigt de provinciale fase af."})
    crisis.refresh_from_db()
    assert crisis.level == "provincial"
    assert "Opgeschaald" in LogEntry.objects.filter(crisis=crisis).order_by("-number").first().text
