"""The dashboard (administration and experts, read-only for experts) and the public progress
pages (public initiatives only; a figure under the release calendar appears at its moment)."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from chancery.monitoring.models import BudgetLine, Milestone, ScheduledRelease
from chancery.monitoring.services import observations
from chancery.monitoring.services.structure import create_initiative


def test_dashboard_for_the_administration_and_experts(client, tree, org, indicator):
    url = reverse("monitoring:dashboard")
    assert client.get(url).status_code == 302  # log in first
    for role, status in (("secretariat", 200), ("civil_servant", 200), ("expert", 200), ("applicant", 403)):
        client.force_login(org.users[role])
        assert client.get(url).status_code == status, role
    client.force_login(org.users["expert"])
    page = client.get(reverse("monitoring:initiative", args=["ka1-oostgrens-oproep"])).content.decode()
    assert "Oproep 2026" in page and "De begroting van een jaar vastleggen" not in page  # read-only
    assert client.post(reverse("monitoring:budget", args=["ka1-oostgrens-oproep"]), {}).status_code == 302
    assert not BudgetLine.objects.exists()


def test_dashboard_filters_and_statuses(client, tree, org):
    Milestone.objects.create(
        initiative=tree[2], title="Oproep gelanceerd", due=timezone.localdate() - datetime.timedelta(days=200)
    )
    client.force_login(org.users["secretariat"])
    page = client.get(reverse("monitoring:dashboard")).content.decode()
    # The project, and up the tree: each parent's only part is off track (more than a third).
    assert page.count("status--off-track") == 3
    assert "0 op schema, 0 met risico, 3 achter op schema." in page
    assert "Niets voldoet" in client.get(reverse("monitoring:dashboard") + "?status=on_track").content.decode()
    Milestone.objects.update(status="done", done_on=timezone.localdate())
    filtered = client.get(reverse("monitoring:dashboard") + "?status=on_track").content.decode()
    assert "Oproep 2026" in filtered and "Een sterk Vlaanderen in de wereld" in filtered


def test_budget_form_refuses_overcommitment_in_dutch(client, tree, org):
    client.force_login(org.users["secretariat"])
    url = reverse("monitoring:budget", args=["ka1-oostgrens"])
    response = client.post(url, {"year": 2026, "planned": "100", "committed": "150", "spent": "0"}, follow=True)
    assert "overschrijdt het geplande" in response.content.decode()
    assert not BudgetLine.objects.exists()
    client.post(url, {"year": 2026, "planned": "5000000", "committed": "1000000", "spent": "500000"})
    assert BudgetLine.objects.get().planned == Decimal(5_000_000)


def test_milestone_status_needs_a_reason_to_drop(client, tree, org):
    milestone = Milestone.objects.create(initiative=tree[2], title="Studie", due=datetime.date(2026, 6, 1))
    client.force_login(org.users["secretariat"])
    url = reverse("monitoring:milestone_status", args=[milestone.pk])
    assert "Zeg waarom" in client.post(url, {"status": "dropped", "revision": 1}, follow=True).content.decode()
    assert Milestone.objects.get().status == "not_started"
    client.post(url, {"status": "dropped", "reason": "Overbodig na het regeerakkoord", "revision": 1})
    assert Milestone.objects.get().status == "dropped"


def test_public_pages_show_only_public_initiatives_with_charts_and_text(client, tree, org, indicator):
    observations.record(indicator, "2024", 10)
    observations.record(indicator, "2025", 16)
    hidden = create_initiative(
        org.users["secretariat"], level="programme", parent=tree[0], code="ka1-intern", title="Intern programma",
        summary="Niet openbaar.", lead_entity=org.entities["dept"],
    )  # fmt: skip
    index = client.get(reverse("progress:index")).content.decode()
    assert "Een sterk Vlaanderen in de wereld" in index
    page = client.get(reverse("progress:detail", args=["ka1-oostgrens-oproep"])).content.decode()
    assert "<svg" in page and "Partnerschappen in de Oostgrens-regio" in page
    assert "<td>2025</td><td>16</td>" in page  # the text alternative of the chart
    assert client.get(reverse("progress:detail", args=[hidden.code])).status_code == 404
    assert "Intern programma" not in client.get(reverse("progress:detail", args=["ka1"])).content.decode()


def test_a_figure_under_the_release_calendar_appears_at_its_moment(client, tree, indicator, settings):
    observations.record(indicator, "2024", 10)
    observations.record(indicator, "2025", 99)
    release = ScheduledRelease.objects.create(
        indicator=indicator, period="2025", release_at=timezone.now() + datetime.timedelta(hours=2)
    )
    url = reverse("progress:detail", args=["ka1-oostgrens-oproep"])
    page = client.get(url).content.decode()
    # Neither in the table nor in the chart (whose highest label would be the 99).
    assert "<td>2025</td>" not in page and ">99<" not in page and ">99,0<" not in page
    release.release_at = timezone.now() - datetime.timedelta(seconds=1)
    release.save()
    assert "<td>2025</td><td>99</td>" in client.get(url).content.decode()


def test_benchmarks_on_the_public_page(client, tree, indicator):
    from chancery.monitoring.models import BenchmarkValue, SdmxMapping

    mapping = SdmxMapping.objects.create(name="referenties", indicator=indicator)
    observations.record(indicator, "2024", 10)
    observations.record(indicator, "2025", 16)
    for area, label, value in (("NL", "Nederland", 20), ("DK", "Denemarken", 12)):
        BenchmarkValue.objects.create(mapping=mapping, indicator=indicator, area=area, area_label=label,
                                      period="2025", period_start=datetime.date(2025, 1, 1), value=value)  # fmt: skip
    page = client.get(reverse("progress:detail", args=["ka1-oostgrens-oproep"])).content.decode()
    assert "In 2025: Vlaanderen 16, plaats 2 op 3; 4 van de beste (Nederland)." in page
    assert 'class="chart-band"' in page and "<td>Denemarken</td><td>12</td>" in page


def test_a_large_tree_folds_its_projects_into_their_programmes(client, tree, org, monkeypatch):
    """Above FOLD_ABOVE rows the unfiltered dashboard shows ambitions and programmes, each programme
    with how many projects it holds; a filter, or asking for every project, shows them again."""
    monkeypatch.setattr("chancery.monitoring.views.FOLD_ABOVE", 2)
    client.force_login(org.users["secretariat"])
    url = reverse("monitoring:dashboard")
    page = client.get(url).content.decode()
    assert "Oostgrensprogramma" in page and "Oproep 2026" not in page
    assert "1 project" in page and "Alle projecten tonen" in page
    for query in ("?alle_projecten=1", "?ambitie=ka1", "?prioriteit=§4"):
        shown = client.get(url + query).content.decode()
        assert "Oproep 2026" in shown and "samengevouwen" not in shown, query
    monkeypatch.setattr("chancery.monitoring.views.FOLD_ABOVE", 100)
    assert "Oproep 2026" in client.get(url).content.decode()  # a small tree is shown whole


def test_the_dashboard_filtered_by_an_ambition_judges_its_tree_alone(client, tree, org):
    """Only the chosen ambition's tree is assessed, with the same statuses as in the whole tree."""
    other = create_initiative(
        org.users["secretariat"], level="ambition", code="ka2", title="Een ander Vlaanderen",
        summary="Elders.", lead_entity=org.entities["dept"], public=True,
    )  # fmt: skip
    Milestone.objects.create(initiative=other, title="Laat", due=timezone.localdate() - datetime.timedelta(days=200))
    Milestone.objects.create(initiative=tree[2], title="Klaar", due=timezone.localdate(), status="done",
                             done_on=timezone.localdate())  # fmt: skip
    client.force_login(org.users["secretariat"])
    whole = client.get(reverse("monitoring:dashboard")).content.decode()
    assert "3 op schema, 0 met risico, 1 achter op schema." in whole
    chosen = client.get(reverse("monitoring:dashboard") + "?ambitie=ka1").content.decode()
    assert "3 op schema, 0 met risico, 0 achter op schema." in chosen and "Een ander Vlaanderen</a>" not in chosen
