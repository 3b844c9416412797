"""The navigation grouped by area: a short bar however many areas are added, each entry shown to
whoever may open it (core.navigation.groups_for)."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from chancery.core import navigation


def keys(groups):
    return [(g.key, [m.key for m in g.modules]) for g in groups]


def test_the_public_sees_its_entries_as_plain_links():
    groups = navigation.groups_for(AnonymousUser())
    assert all(g.single for g in groups)
    assert {g.key for g in groups} >= {"home", "portal", "search", "progress", "open_data", "organisation"}


def test_the_secretariat_sees_areas_not_seventeen_links(org):
    groups = navigation.groups_for(org.users["secretariat"])
    assert len(groups) <= 7, keys(groups)
    by_key = dict(keys(groups))
    assert {"decisions", "submissions", "dossiers", "publications", "documents"} <= set(by_key["decisions"])
    assert {"cases", "strategic_goods"} <= set(by_key["procedures"])
    assert {"monitoring", "regulation_office"} <= set(by_key["policy"])
    # An area with one entry for this user is a plain link with that entry's name (the board's
    # expert reads the dashboard, not the register's back office).
    policy = next(g for g in navigation.groups_for(org.users["expert"]) if g.key == "policy")
    assert policy.single is not None and policy.single.key == "monitoring" and policy.label == policy.single.label


def test_an_applicant_sees_what_applicants_use(org):
    groups = dict(keys(navigation.groups_for(org.users["applicant"])))
    assert set(groups["procedures"]) == {"counter", "licences_counter", "disaster_fund_counter"}
    assert "decisions" not in groups and "policy" not in groups


def test_the_current_area_is_marked(client, org):
    client.force_login(org.users["secretariat"])
    page = client.get(reverse("decisions:meeting_list")).content.decode()
    assert '<summary class="is-current">Besluitvorming</summary>' in page


def test_an_expert_of_the_board_sees_no_applicant_entries(client, org):
    expert = org.users["expert"]
    groups = dict(keys(navigation.groups_for(expert)))
    applicant_entries = {"counter", "licences_counter", "disaster_fund_counter"}
    assert not applicant_entries & {key for entries in groups.values() for key in entries}
    client.force_login(expert)
    assert client.get(reverse("counter:index")).status_code == 403
