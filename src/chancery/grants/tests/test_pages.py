"""The grants service's pages and the reviewer's page through the web: the programmes with their
envelopes, publishing a call, the case panel, assigning a reviewer, the reviewer's declaration and
scores; the counter's form refuses a late or over-maximum application with Dutch messages."""

import pytest
from django.urls import reverse

from chancery.grants.models import Review, Score
from chancery.grants.testing import apply, fire, open_call


@pytest.fixture
def as_grants(client, grants):
    client.force_login(grants)
    return client


def test_the_service_sees_programmes_and_publishes_a_call(as_grants, grants, fund):
    draft = open_call(grants, fund, title="Nieuwe oproep", publish=False)
    page = as_grants.get(reverse("grants:index")).content.decode()
    assert "Mensenrechtenfonds" in page and "1000000.00" in page and "Nieuwe oproep" in page
    assert as_grants.post(reverse("grants:call", args=[draft.slug])).status_code == 302
    draft.refresh_from_db()
    assert draft.state == "published"


def test_outsiders_do_not_reach_the_service_pages(client, org, call):
    client.force_login(org.users["civil_servant"])
    assert client.get(reverse("grants:index")).status_code == 403
    assert client.get(reverse("grants:call", args=[call.slug])).status_code == 403


def test_a_review_through_the_pages(as_grants, client, applicant, grants, call, reviewers):
    case = apply(applicant, call)
    fire(case, "declare_admissible", grants)
    panel = as_grants.get(case.get_absolute_url()).content.decode()
    assert "Begrotingstabel" in panel or "Budget table" in panel
    response = as_grants.post(reverse("grants:assign_reviewer", args=[case.reference]),
                              {"reviewer-username": reviewers[0].username})  # fmt: skip
    assert response.status_code == 302
    review = Review.objects.get(reviewer=reviewers[0])
    client.logout()
    client.force_login(reviewers[0])
    url = reverse("grants:review", args=[review.pk])
    page = client.get(url).content.decode()
    assert "Precisie Optiek NV" not in page  # the applicant is named once the declaration is made
    client.post(url, {"conflict-conflict": "no", "conflict-note": ""})
    criteria = list(call.criteria.all())
    data = {"score-submit": "1"}
    for c in criteria:
        data[f"score-score_{c.pk}"] = "14"
        data[f"score-motivation_{c.pk}"] = "Sterk plan."
    client.post(url, data)
    assert Score.objects.filter(review=review).count() == 3
    # Another reviewer's page does not exist for them.
    other = Review.objects.create(application=review.application, reviewer=reviewers[1])
    assert client.get(reverse("grants:review", args=[other.pk])).status_code == 404


def test_the_counter_form_refuses_an_over_maximum_request(client, applicant, call):
    client.force_login(applicant)
    url = reverse("counter:apply", args=["SUB"])
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "party_kind": "organisation", "party_name": "Precisie Optiek NV", "registration_number": "0123.456.749",
        "country": "BE", "title": "Te groot", "call": call.pk, "project_country": "UA",
        "purpose": "Doel.", "budget": "Alles; 250000.00", "co_financing_eur": "0", "declaration_on_honour": "on",
    }, HTTP_ACCEPT_LANGUAGE="nl")  # fmt: skip
    assert response.status_code in (200, 400)
    assert "hoogstens" in response.content.decode()
