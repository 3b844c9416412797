"""Themes: the Government's policy fields on dossiers; a public page and Atom feed per theme, a theme
facet in search, the theme in the linked data; never a confidential or embargoed decision."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from chancery.core.models import AccessLevel, AuditEntry
from chancery.decisions import services
from chancery.decisions.models import DecisionResult, Theme
from chancery.decisions.testing import release
from chancery.portal.search.service import Filters, search


def test_the_policy_fields_are_loaded_as_themes(themes):
    assert Theme.objects.count() == 53
    theme = Theme.objects.get(slug="buitenlands-beleid")
    assert theme.uri == "http://kanselarij.vo.data.gift/id/beleidsveld/" + theme.uri.rsplit("/", 1)[1]
    assert Theme.objects.filter(label="Boekhouding").exists()  # the code list's stray space is gone


def test_only_those_who_prepare_dossiers_set_themes(secretariat, org, themes):
    dossier = services.create_dossier(secretariat, title="Afrikavisie", short_title="Afrikavisie")
    foreign = Theme.objects.get(slug="buitenlands-beleid")
    with pytest.raises(PermissionDenied):
        services.set_themes(org.users["civil_servant"], dossier, [foreign])
    assert not dossier.themes.exists()
    services.set_themes(secretariat, dossier, [foreign])
    assert list(dossier.themes.all()) == [foreign]
    entry = AuditEntry.objects.filter(object_id=str(dossier.pk)).latest("pk")
    assert entry.after == {"themes": ["buitenlands-beleid"]}


@pytest.fixture
def themed(secretariat, meeting, org, themes):
    """Two dossiers on foreign policy on one meeting: one public, one confidential."""
    foreign = Theme.objects.get(slug="buitenlands-beleid")
    items = {}
    for title, level in (("Afrikavisie", AccessLevel.PUBLIC), ("Geheime missie", AccessLevel.CONFIDENTIAL)):
        dossier = services.create_dossier(secretariat, title=title, short_title=title, access_level=level)
        services.set_themes(secretariat, dossier, [foreign])
        step = services.add_step(
            secretariat, dossier, kind="principle_approval", title=title, mandatees=[org.mandatees["a"]]
        )
        items[title] = services.put_step_on_agenda(secretariat, step, meeting)
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    for item in services.final_items(meeting):
        services.record_decision(secretariat, item, result=DecisionResult.APPROVED, text=f"Besluit {item.short_title}")
    return foreign


def test_theme_page_and_feed_follow_the_release(client, secretariat, meeting, themed):
    page, feed = reverse("portal:theme", args=[themed.slug]), reverse("portal:theme_feed", args=[themed.slug])
    assert "Afrikavisie" not in client.get(page).content.decode()
    assert "Afrikavisie" not in client.get(feed).content.decode()
    assert "Buitenlands beleid" not in client.get(reverse("portal:themes")).content.decode()
    release(secretariat, meeting)
    for url in (page, feed):
        text = client.get(url).content.decode()
        assert "Afrikavisie" in text and "Geheime missie" not in text
    assert (
        'Buitenlands beleid</a> <span class="muted">(1 beslissing)'
        in client.get(reverse("portal:themes")).content.decode()
    )
    # The concerned minister sees the confidential one under the theme too.
    client.force_login(secretariat)
    assert "Geheime missie" in client.get(page).content.decode()


def test_search_facet_and_filter_by_theme(secretariat, meeting, themed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        release(secretariat, meeting)
    results = search(AnonymousUser(), "besluit")
    assert results.facets["theme"] == [(themed, 1)]
    assert search(AnonymousUser(), "besluit", filters=Filters(theme="buitenlands-beleid")).total == 1
    assert search(AnonymousUser(), "besluit", filters=Filters(theme="klimaat")).total == 0


def test_theme_in_linked_data_and_on_the_decision_page(client, secretariat, meeting, themed):
    release(secretariat, meeting)
    item = services.final_items(meeting).get(short_title__startswith="Afrikavisie")
    url = reverse("portal:decision", args=[meeting.uuid, item.lineage])
    assert f'href="{reverse("portal:theme", args=[themed.slug])}"' in client.get(url).content.decode()
    graph = Graph().parse(data=client.get(url + "?format=ttl").content.decode(), format="turtle")
    assert URIRef(themed.uri) in set(graph.objects(None, DCTERMS.subject))


def test_dossier_page_sets_themes_for_the_secretariat(client, secretariat, org, themes):
    dossier = services.create_dossier(secretariat, title="Klimaatplan", short_title="Klimaatplan")
    climate = Theme.objects.get(slug="klimaat")
    client.force_login(secretariat)
    revision = client.get(dossier.get_absolute_url()).context["themes_form"]["revision"].value()
    response = client.post(dossier.get_absolute_url(), {"themes": [climate.pk], "revision": revision})
    assert response.status_code == 302 and list(dossier.themes.all()) == [climate]
    client.force_login(org.users["civil_servant"])
    assert client.post(dossier.get_absolute_url(), {"themes": [], "revision": revision + 1}).status_code in (403, 404)
    assert list(dossier.themes.all()) == [climate]


def test_a_stale_themes_form_is_refused_and_changes_nothing(client, secretariat, themes):
    """Two secretaries open the dossier; the second to save would silently drop the first one's themes."""
    dossier = services.create_dossier(secretariat, title="Klimaatplan", short_title="Klimaatplan")
    climate, energy = Theme.objects.get(slug="klimaat"), Theme.objects.get(slug="energie")
    client.force_login(secretariat)
    seen = client.get(dossier.get_absolute_url()).context["themes_form"]["revision"].value()
    assert client.post(dossier.get_absolute_url(), {"themes": [climate.pk], "revision": seen}).status_code == 302
    response = client.post(dossier.get_absolute_url(), {"themes": [energy.pk], "revision": seen})
    assert response.status_code == 400
    assert "Iemand anders heeft dit dossier intussen gewijzigd" in response.content.decode()
    assert list(dossier.themes.all()) == [climate]
    with pytest.raises(ValidationError):
        services.set_themes(secretariat, dossier, [energy], expected_revision=seen)
    assert list(dossier.themes.all()) == [climate]


def test_search_facets_for_meeting_and_dossier_phase(secretariat, meeting, themed, org):
    release(secretariat, meeting)
    results = search(AnonymousUser(), "besluit")
    assert results.facets["meeting"] == [(meeting, 1)]
    assert results.facets["phase"] == [("principle_approval:approved", "Principiële goedkeuring: goedgekeurd", 1)]
    assert search(AnonymousUser(), "besluit", filters=Filters(phase="principle_approval:approved")).total == 1
    assert search(AnonymousUser(), "besluit", filters=Filters(phase="final_approval:approved")).total == 0
    assert search(AnonymousUser(), "besluit", filters=Filters(meeting=meeting.pk)).total == 1
    # The secretariat also counts the confidential dossier's decision: the facets follow the reader.
    assert search(secretariat, "besluit").facets["phase"][0][2] == 2
