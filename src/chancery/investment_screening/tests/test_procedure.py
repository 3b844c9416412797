"""The procedure FDI on the engine: the notification recorded with its threshold check, refused
input storing nothing, the phases and their clocks (stopped while the notifier is asked), the
Flemish advice before a decision, whether the deal may close, and the ex officio review's date rule."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from chancery.core.models import AuditEntry
from chancery.investment_screening.models import FlemishAssessment, Notification
from chancery.investment_screening.services import notifications
from chancery.investment_screening.services.thresholds import assess
from chancery.investment_screening.testing import NOTIFICATION, notify, open_ex_officio
from chancery.procedures.models import Case, Party
from chancery.procedures.services import cases as engine
from chancery.procedures.services import work

DAY = datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)


def at(days: int) -> datetime.datetime:
    return DAY + datetime.timedelta(days=days)


def fire(case, step, user, reason="", days=0):
    return engine.fire(case, step, user, reason=reason, expected_version=case.version, now=at(days))


def test_a_notification_is_recorded_with_its_threshold_check(applicant):
    case = notify(applicant)
    assert case.state == "notified"
    assert case.access_level == "confidential"
    notification = Notification.objects.get(case=case)
    assert notification.notifiable and notification.flemish_link
    assert notification.levels_reached == ["10", "25", "control"]
    assert [(o.name, o.country) for o in notification.owners.all()] == [("Li Wei", "CN")]
    # The target is a party with its enterprise number (procedures.Party's KBO check).
    assert notification.target.registration_number == "0203.040.596"
    # The raw form is no longer in the case's data (it holds business secrets).
    assert notifications.DATA_KEY not in case.data
    # The case page and the command give the same answer.
    assert notifications.assessment_of(case).as_json() == assess(notifications.deal_of(notification)).as_json()


BAD = [
    ("voting_rights_after", "101", "101"),
    ("voting_rights_before", "-1", "-1"),
    ("voting_rights_after", "3", "3"),  # after below before (5)
    ("turnover_eur", "veel geld", "veel geld"),
    ("signing_date", "", "Ondertekeningsdatum"),
    ("target_enterprise_number", "0203.040.597", "ondernemingsnummer"),
    ("sectors", ["toerisme"], "toerisme"),
    ("regions", ["NRW"], "NRW"),
    ("investor_country", "XX", "XX"),
]


@pytest.mark.parametrize(("field", "value", "named"), BAD)
def test_a_bad_notification_is_refused_and_nothing_is_stored(applicant, field, value, named):
    before = (Case.objects.count(), Notification.objects.count(), Party.objects.count())
    with pytest.raises(ValidationError) as refused:
        notify(applicant, **{field: value})
    assert named in " ".join(refused.value.messages)
    assert (Case.objects.count(), Notification.objects.count(), Party.objects.count()) == before


def test_the_phases_and_their_clocks(applicant, handler):
    case = notify(applicant)
    fire(case, "declare_complete", handler)
    assert case.state == "verification"
    assert case.due_on == datetime.date(2026, 4, 1)  # 30 days
    # A request for information stops the clock; the answer resumes it with the days left.
    fire(case, "request_information", handler, "Bezorg de aandeelhoudersstructuur.", days=10)
    assert case.state == "verification_information_requested" and case.due_on is None
    work.answer_request(applicant, case, message="Hierbij de structuur.", expected_version=case.version, now=at(15))
    case.refresh_from_db()
    assert case.state == "verification" and case.due_on == datetime.date(2026, 4, 6)  # 5 days later
    fire(case, "start_screening", handler, "Mogelijke impact op kritieke infrastructuur.", days=20)
    assert case.state == "screening" and case.due_on == datetime.date(2026, 4, 19)  # 28 days
    assert not notifications.may_close(case)
    fire(case, "request_information", handler, "Welke zeggenschap krijgt de investeerder?", days=21)
    assert case.due_on is None
    work.answer_request(applicant, case, message="Twee van vijf bestuurders.", expected_version=case.version,
                        now=at(24))  # fmt: skip
    case.refresh_from_db()
    assert case.state == "screening" and case.due_on == datetime.date(2026, 4, 22)


def test_a_decision_needs_the_flemish_advice_when_the_target_is_in_flanders(applicant, handler):
    case = notify(applicant)
    fire(case, "declare_complete", handler)
    fire(case, "start_screening", handler, "Screening nodig.")
    with pytest.raises(ValidationError) as refused:
        fire(case, "approve", handler, "Goedgekeurd door de bevoegde ministers.")
    assert "Vlaamse beoordeling" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError):
        notifications.record_flemish_assessment(handler, case, strategic_interests="", advice="no_objection")
    with pytest.raises(ValidationError):
        notifications.record_flemish_assessment(handler, case, strategic_interests="Energie.", advice="conditions")
    assert not FlemishAssessment.objects.exists()
    notifications.record_flemish_assessment(
        handler, case, strategic_interests="Bevoorradingszekerheid van energie in Vlaanderen.", advice="conditions",
        conditions="Geen toegang tot het dispatchingsysteem.",
    )  # fmt: skip
    fire(case, "approve_with_conditions", handler, "Goedgekeurd met corrigerende maatregelen.")
    assert case.state == "approved_with_conditions"
    assert notifications.may_close(case)
    assessment = FlemishAssessment.objects.get(case=case)
    assert AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(FlemishAssessment), object_id=str(assessment.pk)
    ).exists()


def test_without_a_flemish_link_no_advice_is_required(applicant, handler):
    case = notify(applicant, regions=["WAL"])
    fire(case, "declare_complete", handler)
    fire(case, "start_screening", handler, "Screening nodig.")
    fire(case, "prohibit", handler, "Verboden door de bevoegde ministers.")
    assert case.state == "prohibited"
    assert not notifications.may_close(case)


@pytest.mark.parametrize(
    ("steps", "may_close"),
    [
        ((), False),
        ((("declare_complete", ""),), False),
        ((("declare_complete", ""), ("clear", "Geen screening nodig.")), True),
        ((("declare_complete", ""), ("start_screening", "Screening.")), False),
    ],
)
def test_the_deal_may_close_only_after_clearance(applicant, handler, client, steps, may_close):
    case = notify(applicant, regions=["BRU"])
    for step, reason in steps:
        fire(case, step, handler, reason)
    assert notifications.may_close(case) is may_close
    client.force_login(handler)
    page = client.get(case.get_absolute_url()).content.decode()
    expected = "mag de transactie voltooid worden" if may_close else "mag pas voltooid worden"
    assert expected in page.lower()


# --- ex officio ----------------------------------------------------------------------------------


def test_an_ex_officio_review_opens_straight_into_verification(handler, org):
    closed = datetime.date.today() - datetime.timedelta(days=400)
    case = open_ex_officio(handler, closed_on=closed)
    assert case.state == "verification" and case.applicant_user is None
    notification = Notification.objects.get(case=case)
    assert notification.ex_officio and notification.closed_on == closed
    assert case.access_level == "confidential"


def test_an_ex_officio_review_after_two_years_is_refused_and_stores_nothing(handler, org):
    before = (Case.objects.count(), Notification.objects.count())
    with pytest.raises(ValidationError) as refused:
        open_ex_officio(handler, closed_on=datetime.date.today() - datetime.timedelta(days=2 * 366 + 1))
    assert "twee jaar" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError):
        open_ex_officio(handler, closed_on=datetime.date.today() + datetime.timedelta(days=1))
    assert (Case.objects.count(), Notification.objects.count()) == before


@pytest.mark.parametrize(
    ("closed", "today", "allowed"),
    [
        ("2024-03-10", "2026-03-10", True),  # the last day
        ("2024-03-10", "2026-03-11", False),  # the day after
        ("2024-02-29", "2026-02-28", True),  # 29 February: two years later is 28 February
        ("2024-02-29", "2026-03-01", False),
        ("2026-03-10", "2026-03-10", True),  # closed today
        ("2026-03-11", "2026-03-10", False),  # not closed yet: notify instead
    ],
)
def test_the_ex_officio_date_rule(closed, today, allowed):
    class File:
        data = {notifications.DATA_KEY: {"closed_on": closed}}

    message = notifications.ex_officio_in_time(File, datetime.date.fromisoformat(today))
    assert (message is None) is allowed, message


def test_only_the_service_opens_an_ex_officio_review(org):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        open_ex_officio(org.users["expert"], closed_on=datetime.date.today())


# --- the counter's form ------------------------------------------------------------------------------


def form_data(**changes) -> dict:
    from chancery.procedures.testing import OTHER_PARTY, PARTY

    raw = {**NOTIFICATION, **changes}
    data = {
        "party_kind": "organisation", "party_name": PARTY["name"],
        "registration_number": PARTY["registration_number"], "country": "BE",
        "investor_name": raw["investor_name"], "investor_kind": raw["investor_kind"],
        "investor_country": raw["investor_country"],
        "owners": "\n".join(f"{o['name']}; {o['country']}" for o in raw["owners"]),
        "target_name": OTHER_PARTY["name"], "target_enterprise_number": raw["target_enterprise_number"],
        "regions": raw["regions"], "sectors": raw["sectors"], "turnover_eur": raw["turnover_eur"],
        "voting_rights_before": raw["voting_rights_before"], "voting_rights_after": raw["voting_rights_after"],
        "deal_value_eur": raw["deal_value_eur"], "signing_date": raw["signing_date"],
        "planned_closing": raw["planned_closing"], "business_secrets": raw["business_secrets"],
    }  # fmt: skip
    if raw["control_acquired"]:
        data["control_acquired"] = "on"
    return data


def test_the_counter_form_files_a_notification(client, applicant):
    client.force_login(applicant)
    url = reverse("counter:apply", args=["FDI"])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(voting_rights_after="30,5", turnover_eur="150.000.000"))
    assert response.status_code == 302, response.content.decode()[:3000]
    notification = Notification.objects.get()
    assert str(notification.voting_rights_after) == "30.5000"
    assert notification.turnover_eur == 150_000_000


def test_the_counter_form_takes_countries_by_name(client, applicant):
    """Issue 14: the investor's and the owners' countries by name, from the page's list of names."""
    client.force_login(applicant)
    url = reverse("counter:apply", args=["FDI"])
    page = client.get(url).content.decode()
    assert '<datalist id="country-names">' in page
    assert re.search(r'<input type="text" name="investor_country"[^>]*list="country-names"', page)
    data = form_data()
    data.update(investor_country="Hongkong", owners="Li Wei; China\nAnna Berg; zweden\nJan Smit; NL")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    notification = Notification.objects.get()
    assert notification.investor_country == "HK"
    assert [(o.name, o.country) for o in notification.owners.order_by("name")] == [
        ("Anna Berg", "SE"), ("Jan Smit", "NL"), ("Li Wei", "CN")]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"investor_country": "Atlantis"}, "Land van de investeerder: “Atlantis” is geen land dat we kennen"),
        ({"owners": [{"name": "Li Wei", "country": "Utopia"}]}, "“Utopia” is geen land dat we kennen"),
        ({"voting_rights_after": "150"}, "geen percentage van 0 tot 100"),
        ({"voting_rights_after": "2"}, "lager dan ervoor"),
        ({"turnover_eur": "veel"}, "geen bedrag in euro"),
        ({"signing_date": ""}, "Dit veld is verplicht"),
        ({"target_enterprise_number": "0203.040.597"}, "geen geldig Belgisch ondernemingsnummer"),
    ],
)
def test_the_counter_form_refuses_bad_input_and_stores_nothing(client, applicant, change, message):
    client.force_login(applicant)
    before = (Case.objects.count(), Party.objects.count())
    response = client.post(reverse("counter:apply", args=["FDI"]), form_data(**change))
    assert response.status_code == 400 or response.status_code == 200
    assert message in response.content.decode()
    assert (Case.objects.count(), Party.objects.count()) == before
    assert not Notification.objects.exists()


def test_the_pages_markup_holds_together(client, applicant, handler):
    from chancery.core.testing import form_markup_problems

    case = notify(applicant)
    fire(case, "declare_complete", handler)
    client.force_login(handler)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "assessment-strategic_interests" in page  # the Flemish assessment's form, for the handler
    assert form_markup_problems(page) == []
    assert form_markup_problems(client.get(reverse("investment_screening:index")).content.decode()) == []
    client.force_login(applicant)
    assert form_markup_problems(client.get(reverse("counter:apply", args=["FDI"])).content.decode()) == []
    own = client.get(reverse("counter:case", args=[case.reference])).content.decode()
    assert form_markup_problems(own) == []
    assert "assessment-strategic_interests" not in own


def test_the_flemish_assessment_is_recorded_from_the_case_page(client, applicant, handler, org):
    case = notify(applicant)
    fire(case, "declare_complete", handler)
    client.force_login(handler)
    url = reverse("investment_screening:assessment", args=[case.reference])
    response = client.post(url, {"assessment-strategic_interests": "", "assessment-advice": "no_objection"})
    assert response.status_code == 302 and not FlemishAssessment.objects.exists()
    client.post(url, {"assessment-strategic_interests": "Geen impact.", "assessment-advice": "no_objection"})
    assert FlemishAssessment.objects.get(case=case).advice == "no_objection"
    # The notifier sees the file but may not assess it; who may not see it gets 404.
    client.force_login(applicant)
    assert (
        client.post(url, {"assessment-strategic_interests": "X", "assessment-advice": "objection"}).status_code == 403
    )
    client.force_login(org.users["expert"])
    assert (
        client.post(url, {"assessment-strategic_interests": "X", "assessment-advice": "objection"}).status_code == 404
    )
    assert FlemishAssessment.objects.get(case=case).advice == "no_objection"
