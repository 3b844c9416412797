"""Confidential by default (issue 17): a notification's file is `confidential`, and its business
secrets (models.BUSINESS_SECRETS, the beneficial owners) never leave that level. Every role of the
tests' organisation, the screening's handler, the notifier and another applicant, for the querysets,
the case pages, the API and the yearly report, as a table."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from rest_framework.test import APIClient

from chancery.api.models import ApiToken
from chancery.investment_screening.models import BUSINESS_SECRETS, BeneficialOwner, FlemishAssessment, Notification
from chancery.investment_screening.services import notifications, statistics
from chancery.investment_screening.testing import NOTIFICATION, notify
from chancery.procedures.models import Case
from chancery.procedures.services import cases as engine

SECRETS = ["Earn-out van 40 miljoen euro", "310.000.000", "240.000.000", "30 juni 2026", "Li Wei"]
# Who reads the file and its secrets: the secretariat and administrators (every level), the
# service's handler (its team), the notifier. A minister or cabinet reads a confidential file only
# when their mandate is concerned or they are named, which no notification does.
READS = {
    "admin": True,
    "secretariat": True,
    "handler": True,
    "notifier": True,
    "minister_concerned": False,
    "cabinet_concerned": False,
    "minister_other": False,
    "cabinet_other": False,
    "civil_servant": False,
    "expert": False,
    "other_applicant": False,
    "anonymous": False,
}
# The Flemish assessment is the administration's: never the notifier's.
READS_ASSESSMENT = {**READS, "notifier": False}


@pytest.fixture
def users(org, handler, applicant, other_applicant):
    return {
        **{key: user for key, user in org.users.items() if key != "applicant"},
        "handler": handler,
        "notifier": applicant,
        "other_applicant": other_applicant,
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def case(applicant, handler):
    case = notify(applicant)
    engine.fire(case, "declare_complete", handler, expected_version=case.version)
    notifications.record_flemish_assessment(
        handler, case, strategic_interests="Netbeheer in Vlaanderen.", advice="no_objection"
    )
    return case


def test_the_file_is_confidential_and_its_secrets_are_named():
    assert set(BUSINESS_SECRETS) == {"deal_value_eur", "turnover_eur", "business_secrets", "planned_closing"}
    assert notifications.SECRET_LEVELS == {"confidential", "internal_secretariat"}


@pytest.mark.parametrize("who", list(READS))
def test_who_reads_the_notification_and_its_secrets(case, users, who):
    user = users[who]
    assert case.access_level == "confidential"
    assert Case.objects.visible_to(user).filter(pk=case.pk).exists() is READS[who]
    assert Notification.objects.visible_to(user).filter(case=case).exists() is READS[who]
    assert BeneficialOwner.objects.visible_to(user).filter(notification__case=case).exists() is READS[who]
    assert FlemishAssessment.objects.visible_to(user).filter(case=case).exists() is READS_ASSESSMENT[who]


@pytest.mark.parametrize("who", list(READS))
def test_the_case_pages_show_the_secrets_only_to_their_readers(client, case, users, who):
    user = users[who]
    if who != "anonymous":
        client.force_login(user)
    pages = [reverse("procedures:case", args=[case.reference]), reverse("counter:case", args=[case.reference])]
    shown = []
    for url in pages:
        response = client.get(url)
        body = response.content.decode()
        if response.status_code == 200:
            shown.append(all(secret in body for secret in SECRETS))
        else:
            assert response.status_code in (302, 403, 404)
            assert not any(secret in body for secret in SECRETS)
    assert any(shown) is READS[who]


@pytest.mark.parametrize("who", ["admin", "handler", "notifier", "expert", "minister_concerned"])
def test_the_api_never_carries_the_secrets(case, users, who):
    client = APIClient()
    _token, key = ApiToken.issue(users[who], ["read-public", "read-internal"], name="test")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    for url in (reverse("api:case-list"), reverse("api:case-detail", args=[case.pk])):
        body = client.get(url).content.decode()
        assert not any(secret.replace(".", "") in body for secret in SECRETS)
        assert NOTIFICATION["business_secrets"] not in body


def test_the_yearly_report_and_its_csv_hold_no_secret(client, case, handler):
    report = statistics.yearly(case.created_at.year)
    text = statistics.as_csv(report)
    client.force_login(handler)
    page = client.get(reverse("investment_screening:index")).content.decode()
    download = client.get(reverse("investment_screening:csv", args=[case.created_at.year])).content.decode()
    assert download == text
    for body in (text, page):
        for secret in [*SECRETS, "310000000", "240000000", case.reference, "Dragon Grid", "Andere Onderneming"]:
            assert secret not in body, secret
    assert ",sector,energy," in text and ",investor_country,HK," in text


@pytest.mark.parametrize("who", ["expert", "civil_servant", "minister_concerned", "notifier", "anonymous"])
def test_the_report_and_the_review_form_are_the_services(client, users, who, db):
    if who != "anonymous":
        client.force_login(users[who])
    response = client.get(reverse("investment_screening:index"))
    assert response.status_code in (302, 403)
    assert client.get(reverse("investment_screening:csv", args=[2026])).status_code in (302, 403)
