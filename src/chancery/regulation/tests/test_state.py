"""The State of Regulation: the figures of a two-year period (register, burden and its change,
gold-plating, feedback, EU), HTML and PDF with charts, versions that never overwrite each other,
the submission of a version to a meeting's agenda, and who may make it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from chancery.core.testing import form_markup_problems
from chancery.decisions import services as decisions
from chancery.decisions.models import Submission
from chancery.regulation.models import EuAct, StateOfRegulationVersion
from chancery.regulation.services import feedback, register, state
from chancery.regulation.testing import obligations

pytestmark = pytest.mark.django_db


@pytest.fixture
def register_with_figures(org):
    """Three regulations (one adopted in 2023, one in 2024), a burden measured in 2022 and again in
    2024 (from 1200 to 1000 companies), one gold-plating case, feedback in two themes."""
    secretariat = org.users["secretariat"]
    permit = register.register_regulation(
        secretariat, kind="decree", title="Decreet betreffende de omgevingsvergunning", date=datetime.date(2014, 4, 25)
    )
    register.register_regulation(secretariat, kind="decree", title="Decreet A", date=datetime.date(2023, 3, 1))
    register.register_regulation(
        secretariat, kind="government_decision", title="Besluit B", date=datetime.date(2024, 6, 1)
    )
    for day, population in ((datetime.date(2022, 1, 1), "1200"), (datetime.date(2024, 1, 1), "1000")):
        register.record_calculation(
            secretariat, title=f"Meting {day.year}", reference_date=day, obligations=obligations(population=population),
            regulation=permit,
        )  # fmt: skip
    act = EuAct.objects.create(
        celex="32011L0092", kind="directive", title="MER-richtlijn", transposition_deadline=datetime.date(2024, 5, 16)
    )
    register.record_transposition(
        secretariat, permit, act, gold_plating=[register.Provision("art. 5", "Meer projecten", "Eén vergunning")]
    )
    moderator = org.users["civil_servant"]
    signal = feedback.submit(
        text="Het formulier van de omgevingsvergunning vraagt elk jaar hetzelfde.", theme="burden",
        reporter_kind="company", regulation=permit,
    )  # fmt: skip
    group = feedback.publish(moderator, signal, title="Elk jaar hetzelfde").group
    feedback.answer(moderator, group, status="answered", text="Het formulier wordt vooraf ingevuld.")
    spam = feedback.submit(text="Goedkope horloges te koop, klik hier nu!", theme="other", reporter_kind="citizen")
    feedback.reject(moderator, spam, reason="spam", note="Reclame")
    return permit


def test_the_figures_of_a_period(register_with_figures):
    this_year = timezone.localdate().year
    figures = state.figures(2023, 2024)
    assert figures["period"] == [2023, 2024]
    assert figures["regulations"]["total"] == 3 and figures["regulations"]["new_in_period"] == 2
    assert [2023, 1] in figures["regulations"]["per_year"] and [2024, 1] in figures["regulations"]["per_year"]
    # 2.5 h × 54 € × population × (1 − 0.25): 121 500 € at the start, 101 250 € at the end.
    assert figures["burden"]["at_start"]["administrative_burden"] == "121500.00"
    assert figures["burden"]["at_end"]["administrative_burden"] == "101250.00"
    assert figures["burden"]["change"]["administrative_burden"] == "-20250.00"
    assert figures["gold_plating"]["count"] == 1
    assert figures["eu"]["acts_followed"] == 1 and figures["eu"]["deadlines_in_period"] == 1
    assert figures["eu"]["baseline"]["obligations"] == 850
    feedback_figures = figures["feedback"]
    assert this_year > 2024  # the signals are sent today, after the period
    assert feedback_figures["received"] == 0  # the signals were sent today, not in 2023–2024
    now = state.figures(this_year - 1, this_year)["feedback"]
    assert now["received"] == 2 and now["published"] == 1 and now["answered"] == 1
    assert ["Spam", 1] in now["rejected"]


def test_versions_never_overwrite_and_go_to_a_meeting(client, org, register_with_figures):
    secretariat = org.users["secretariat"]
    year = timezone.localdate().year
    first = state.make_version(secretariat, year)
    feedback.submit(text="Nog een signaal over de omgevingsvergunning.", theme="unclear", reporter_kind="citizen")
    second = state.make_version(secretariat, year)
    assert (first.report, first.number, second.number) == (second.report, 1, 2)
    first.refresh_from_db()
    assert first.figures["feedback"]["received"] == 2 and second.figures["feedback"]["received"] == 3
    document = first.report.document
    assert [v.number for v in document.versions.order_by("number")] == [1, 2]
    for version in document.versions.all():
        assert version.file.open("rb").read(5) == b"%PDF-"
    assert "<svg" in first.html and "Elk jaar hetzelfde" in first.html
    # The page of a version: its HTML as made, the PDF, the form to submit it.
    client.force_login(secretariat)
    page = client.get(reverse("regulation_office:state_version", args=[first.pk]))
    assert page.status_code == 200 and not form_markup_problems(page.content.decode())
    meeting = decisions.create_meeting(secretariat, starts_at=timezone.now() + datetime.timedelta(days=7))
    state.submit_to_meeting(secretariat, first, meeting, [org.mandatees["a"]])
    submission = Submission.objects.get()
    assert (
        submission.meeting == meeting and submission.documents.get().versions.get().file.open("rb").read(5) == b"%PDF-"
    )
    with pytest.raises(ValidationError):
        state.submit_to_meeting(secretariat, first, meeting, [org.mandatees["a"]])
    item = decisions.accept(secretariat, submission)
    assert item.item_documents.count() == 1


def test_only_the_staff_makes_the_report(client, org, register_with_figures):
    for role in ("minister_concerned", "cabinet_concerned", "expert", "applicant"):
        with pytest.raises(PermissionDenied):
            state.make_version(org.users[role], 2024)
        client.force_login(org.users[role])
        assert client.get(reverse("regulation_office:states")).status_code == 403
    version = state.make_version(org.users["civil_servant"], 2024)
    assert not StateOfRegulationVersion.objects.visible_to(org.users["expert"]).exists()
    client.force_login(org.users["expert"])
    assert client.get(reverse("regulation_office:state_version", args=[version.pk])).status_code == 403


def test_a_year_outside_the_range_is_refused_nothing_stored(client, org):
    client.force_login(org.users["civil_servant"])
    for year in ("1999", str(timezone.localdate().year + 1), "twee"):
        answer = client.post(reverse("regulation_office:states"), {"last_year": year})
        assert answer.status_code == 400
    assert not StateOfRegulationVersion.objects.exists()
    answer = client.post(reverse("regulation_office:states"), {"last_year": "2024"})
    version = StateOfRegulationVersion.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "regulation_office:state_version", args=[version.pk]
    )
