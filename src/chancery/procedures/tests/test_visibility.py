"""Who sees a case: the applicant their own files (never internal notes or documents), the
handlers and their team, the secretariat; others get 404. Same rule in lists, pages and the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from chancery.api.models import ApiToken
from chancery.core.models import Role
from chancery.core.testing import make_user
from chancery.procedures import registry
from chancery.procedures.models import Case
from chancery.procedures.services import cases as engine
from chancery.procedures.services import work
from chancery.procedures.testing import OTHER_PARTY, apply_for_licence, assess, pdf

SECRET_NOTE = "Intern: criterium 7, omleidingsrisico via derde land"
SHARED_NOTE = "Wij hebben uw aanvraag goed ontvangen."


@pytest.fixture
def case(submitted, handler):
    work.add_note(handler, submitted, SECRET_NOTE, internal=True)
    work.add_note(handler, submitted, SHARED_NOTE, internal=False)
    work.add_document(
        handler,
        submitted,
        upload=pdf("advies-intern.pdf"),
        kind="external_advice",
        title="Advies Staatsveiligheid",
        internal=True,
    )
    return submitted


def login(client, user):
    client.force_login(user)
    return client


def test_who_sees_the_case(case, org, handler, colleague, applicant, other_applicant):
    visible = {
        u.username
        for u in [*org.users.values(), handler, colleague, other_applicant]
        if Case.objects.visible_to(u).filter(pk=case.pk).exists()
    }
    # The applicant, the team, the secretariat and administrators; the council sees internal_council.
    assert visible == {
        applicant.username,
        handler.username,
        colleague.username,
        "t-secretariaat",
        "t-admin",
        "t-minister-a",
        "t-kabinet-a",
        "t-minister-b",
        "t-kabinet-b",
    }
    assert not Case.objects.visible_to(org.users["civil_servant"]).exists()  # another department
    assert not Case.objects.visible_to(org.users["expert"]).exists()
    assert not Case.objects.visible_to(other_applicant).exists()


def test_a_confidential_case_follows_the_core_rule(case, org, handler):
    Case.objects.filter(pk=case.pk).update(access_level="confidential")
    assert case.is_visible_to(handler)  # the team still handles it
    assert not case.is_visible_to(org.users["minister_other"])
    Case.objects.filter(pk=case.pk).update(access_level="internal_secretariat")
    assert not case.is_visible_to(handler)
    assert case.is_visible_to(org.users["secretariat"])


def test_a_handler_outside_the_team_sees_what_is_assigned(case, org, handler):
    outsider = org.users["civil_servant"]
    assert not case.is_visible_to(outsider)
    work.assign(handler, case, [handler, outsider])
    assert case.is_visible_to(outsider)


def test_applicant_page_shows_no_internal_notes_or_documents(client, case, applicant):
    login(client, applicant)
    page = client.get(reverse("counter:case", args=[case.reference]))
    assert page.status_code == 200
    html = page.content.decode()
    assert SHARED_NOTE in html
    assert SECRET_NOTE not in html
    assert "Advies Staatsveiligheid" not in html
    assert "Eindgebruikersverklaring" in html
    internal = case.documents.get(internal=True)
    assert client.get(reverse("counter:download", args=[case.reference, internal.pk])).status_code == 404
    own = case.documents.get(internal=False)
    response = client.get(reverse("counter:download", args=[case.reference, own.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    # The handler's pages are not for applicants.
    assert client.get(reverse("procedures:case", args=[case.reference])).status_code == 403
    assert client.get(reverse("procedures:download", args=[case.reference, internal.pk])).status_code == 403


def test_internal_step_reasons_stay_internal(client, case, handler, applicant):
    engine.fire(
        case,
        "declare_complete",
        handler,
        reason="Dossier compleet na telefonisch overleg met X",
        expected_version=case.version,
    )
    engine.fire(
        case, "request_advice", handler, reason="Advies Staatsveiligheid gevraagd", expected_version=case.version
    )
    login(client, applicant)
    html = client.get(reverse("counter:case", args=[case.reference])).content.decode()
    assert "telefonisch overleg" not in html and "Staatsveiligheid" not in html
    # The applicant sees "under assessment", not the internal step "awaiting external advice".
    state = case.definition.state("awaiting_advice")
    assert str(state.label_for_applicant) in html and str(state.label) not in html


def test_other_files_are_404(client, case, other_applicant, org):
    login(client, other_applicant)
    assert client.get(reverse("counter:case", args=[case.reference])).status_code == 404
    link = case.documents.get(internal=False)
    assert client.get(reverse("counter:download", args=[case.reference, link.pk])).status_code == 404
    client.logout()
    login(client, org.users["civil_servant"])  # another department
    assert client.get(reverse("procedures:case", args=[case.reference])).status_code == 404
    assert client.get(reverse("procedures:download", args=[case.reference, link.pk])).status_code == 404
    response = client.post(
        reverse("procedures:fire", args=[case.reference]),
        {"transition": "declare_complete", "version": case.version, "reason": ""},
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.state == "submitted"


def test_handler_page_shows_everything(client, case, handler):
    login(client, handler)
    html = client.get(reverse("procedures:case", args=[case.reference])).content.decode()
    assert SECRET_NOTE in html and SHARED_NOTE in html and "Advies Staatsveiligheid" in html
    internal = case.documents.get(internal=True)
    assert client.get(reverse("procedures:download", args=[case.reference, internal.pk])).status_code == 200


def test_anonymous_gets_the_login_page(client, case):
    for url in (reverse("procedures:inbox"), reverse("counter:index"), reverse("counter:case", args=[case.reference])):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


# --- the API ------------------------------------------------------------------------------------


def api_as(user, scopes=("read-public", "read-internal")):
    client = APIClient()
    _token, key = ApiToken.issue(user, list(scopes), name="test")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def refs(response):
    assert response.status_code == 200, response.content
    return sorted(row["reference"] for row in response.json()["results"])


def test_api_cases_with_the_readers_eyes(case, handler, applicant, other_applicant, team):
    mine = case.reference
    other = apply_for_licence(other_applicant, title="Andere aanvraag", party=OTHER_PARTY).reference
    url = reverse("api:case-list")
    assert refs(APIClient().get(url)) == []  # anonymous: nothing
    assert refs(api_as(handler, ["read-public"]).get(url)) == []  # a public token reads as the public
    assert refs(api_as(handler).get(url)) == sorted([mine, other])
    assert refs(api_as(applicant).get(url)) == [mine]
    detail = reverse("api:case-detail", args=[case.pk])
    assert api_as(other_applicant).get(detail).status_code == 404
    assert APIClient().get(detail).status_code == 404


def test_api_hides_internal_reasons_from_the_applicant(case, handler, applicant):
    engine.fire(
        case, "request_information", handler, reason="Welke eindgebruiker precies?", expected_version=case.version
    )
    work.answer_request(applicant, case, message="Zie bijlage", expected_version=case.version)
    case.refresh_from_db()
    engine.fire(case, "declare_complete", handler, reason="Intern: ok na controle KBO", expected_version=case.version)
    detail = reverse("api:case-detail", args=[case.pk])
    seen = api_as(applicant).get(detail).json()
    reasons = [step["reason"] for step in seen["history"]]
    assert "Welke eindgebruiker precies?" in reasons and not any("KBO" in r for r in reasons)
    assert "KBO" in str(api_as(handler).get(detail).json()["history"])


def test_api_filters(case, handler, applicant, team):
    second = apply_for_licence(applicant, title="Tweede")
    engine.fire(second, "declare_complete", handler, expected_version=second.version)
    client = api_as(handler)
    url = reverse("api:case-list")
    assert refs(client.get(url, {"state": "under_assessment"})) == [second.reference]
    assert refs(client.get(url, {"state": "submitted"})) == [case.reference]
    assert refs(client.get(url, {"procedure": "CSG"})) == sorted([case.reference, second.reference])
    assert refs(client.get(url, {"procedure": "XYZ"})) == []
    row = client.get(reverse("api:case-detail", args=[second.pk])).json()
    assert row["procedure"] == "CSG" and row["state"] == "under_assessment" and row["due_on"]
    assert row["applicant"]["registration_number"] == "0123.456.749"
    assert reverse("api:case-list") in str(APIClient().get(reverse("api:root")).json()["cases"])


def test_api_cursor_pages(applicant, handler, team):
    for n in range(3):
        apply_for_licence(applicant, title=f"Aanvraag {n}")
    client = api_as(handler)
    first = client.get(reverse("api:case-list"), {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None


def test_minister_of_another_portfolio_does_not_see_confidential_cases(case, org):
    Case.objects.filter(pk=case.pk).update(access_level="confidential")
    assert refs(api_as(org.users["minister_other"]).get(reverse("api:case-list"))) == []


def test_an_applicant_role_never_handles(case, db):
    intruder = make_user("t-indringer", Role.APPLICANT)
    assert engine.available_transitions(intruder, case) == []


def test_the_api_masks_internal_states_and_steps_as_the_counter_does(client, case, handler, applicant):
    """Issue 13: the API showed the applicant `awaiting_advice` and `request_advice` (the advice of
    prosecutor, State Security and police) that their counter page hides. One masking for both."""
    engine.fire(case, "declare_complete", handler, expected_version=case.version)
    engine.fire(case, "request_advice", handler, reason="Advies Staatsveiligheid", expected_version=case.version)
    url = reverse("api:case-list")
    detail = reverse("api:case-detail", args=[case.pk])
    seen = api_as(applicant).get(detail).json()
    assert "advice" not in str(seen) and "Staatsveiligheid" not in str(seen)
    assert seen["state"] == "under_assessment" and seen["state_label"] == "In beoordeling"
    assert seen["due_on"] is None and seen["overdue"] is False  # the suspended clock would tell
    assert [(s["transition"], s["source"], s["target"]) for s in seen["history"]] == [
        ("submit", "draft", "submitted"),
        ("", "submitted", "under_assessment"),
    ]
    # What the counter page shows is what the API says.
    login(client, applicant)
    html = client.get(reverse("counter:case", args=[case.reference])).content.decode()
    progress = html.split('<ol class="timeline">')[1].split("</ol>")[0]
    assert seen["state_label"] in html and progress.count("<li>") == len(seen["history"])
    # Filtering by a hidden state finds nothing; by the state shown, the file.
    assert refs(api_as(applicant).get(url, {"state": "awaiting_advice"})) == []
    assert refs(api_as(applicant).get(url, {"state": "under_assessment"})) == [case.reference]
    # The administration sees the case as it is.
    inside = api_as(handler).get(detail).json()
    assert inside["state"] == "awaiting_advice" and inside["history"][-1]["transition"] == "request_advice"
    assert refs(api_as(handler).get(url, {"state": "awaiting_advice"})) == [case.reference]


def test_the_level_of_a_pending_decision_is_not_told(case, handler, applicant):
    engine.fire(case, "declare_complete", handler, expected_version=case.version)
    assess(case, handler)
    engine.fire(case, "refer_to_minister", handler, expected_version=case.version)
    seen = api_as(applicant).get(reverse("api:case-detail", args=[case.pk])).json()
    assert seen["state"] == "decision_pending" and "minister" not in str(seen)


def test_states_shown_as_one_read_as_one():
    """A public code names one thing to the applicant: states sharing it share their public label."""
    for procedure in registry.all_procedures():
        labels = {}
        for state in procedure.states:
            labels.setdefault(state.code_for_applicant, set()).add(str(state.label_for_applicant))
        assert all(len(shown) == 1 for shown in labels.values()), procedure.code
