"""Grant applications on the procedure SUB: submission at the counter only while the call is open
(the closing moment itself is too late), eligibility and budget checks, reviews with conflict
declarations and independent scores, the ranking, and the award that commits the envelope. Every
refusal leaves nothing behind."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from chancery.grants.models import Application, Review, Score
from chancery.grants.services import applications
from chancery.grants.testing import PERSON_AT_RISK, apply, fire, grants_handler, open_call, review, to_assessed
from chancery.procedures.models import Case


def test_from_submission_to_award(applicant, grants, call, reviewers):
    case = apply(applicant, call)
    assert case.state == "submitted"
    application = case.grant_application
    assert (application.requested_cents, application.co_financing_cents) == (45_000_00, 5_000_00)
    assert application.beneficiary == "Precisie Optiek NV" and application.country == "UA"
    to_assessed(grants, case, reviewers)
    assert case.state == "assessed"
    fire(case, "award", grants, "Goed project binnen de enveloppe.")
    application.refresh_from_db()
    envelope = application.envelope
    assert case.state == "granted" and application.awarded_cents == 45_000_00 and application.decided_on
    assert envelope.committed_cents == 45_000_00 and envelope.remaining_cents == 955_000_00


def test_submission_at_the_closing_moment_is_refused(applicant, grants, fund, monkeypatch):
    closes = timezone.now() + datetime.timedelta(hours=1)
    call = open_call(grants, fund, closes_at=closes)
    monkeypatch.setattr(applications, "_now", lambda: closes - datetime.timedelta(microseconds=1))
    assert apply(applicant, call).state == "submitted"
    monkeypatch.setattr(applications, "_now", lambda: closes)
    with pytest.raises(ValidationError, match="gesloten|closed"):
        apply(applicant, call, title="Te laat")
    assert Case.objects.filter(title="Te laat").count() == 0
    assert Application.objects.count() == 1


def test_a_call_not_yet_open_or_a_draft_takes_no_application(applicant, grants, fund):
    later = open_call(grants, fund, title="Later", opens_at=timezone.now() + datetime.timedelta(days=1),
                      closes_at=timezone.now() + datetime.timedelta(days=5))  # fmt: skip
    draft = open_call(grants, fund, title="Ontwerp", publish=False)
    for call in (later, draft):
        with pytest.raises(ValidationError):
            apply(applicant, call)
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "changes, message",
    [
        (
            {"budget_lines": [{"label": "Te veel", "amount_eur": "150000.00"}], "co_financing_eur": "0"},
            "hoogstens|at most",
        ),
        ({"budget_lines": [{"label": "Negatief", "amount_eur": "-100.00"}]}, "negatief|negative"),
        ({"budget_lines": [{"label": "Tekst", "amount_eur": "veel"}]}, "veel"),
        ({"budget_lines": []}, "kostenlijn|cost line"),
        ({"co_financing_eur": "50000.00"}, "cofinanciering|co-financing"),
        ({"declaration_on_honour": False}, "erewoord|honour"),
        ({"purpose": " "}, "doel|purpose"),
    ],
)
def test_bad_applications_are_refused_and_nothing_is_stored(applicant, call, changes, message):
    with pytest.raises(ValidationError, match=f"(?i){message}"):
        apply(applicant, call, **changes)
    assert not Case.objects.exists() and not Application.objects.exists()


def test_an_ineligible_country_is_refused(applicant, grants, fund):
    call = open_call(grants, fund, title="Oekraïne", eligible_countries=["UA", "MD"])
    with pytest.raises(ValidationError, match="UA, MD"):
        apply(applicant, call, country="RU")
    assert apply(applicant, call, country="MD").state == "submitted"


def test_a_person_at_risk_gets_a_confidential_file(applicant, grants, call):
    from chancery.core.models import Role
    from chancery.core.testing import make_user

    user = make_user("t-verdediger", Role.APPLICANT)
    case = apply(user, call, party=PERSON_AT_RISK, protected=True)
    case.refresh_from_db()
    assert case.access_level == "confidential"
    assert case.grant_application.protected
    # A civil servant of another service sees nothing of it; the grants service does.
    other = make_user("t-ander", Role.CIVIL_SERVANT)
    assert not Application.objects.visible_to(other).exists()
    assert Application.objects.visible_to(grants).count() == 1


def test_the_files_of_a_person_at_risk_become_confidential_too(grants, call):
    from chancery.core.models import Role
    from chancery.core.testing import make_user, pdf_upload
    from chancery.grants.services import applications as service
    from chancery.grants.testing import application_data
    from chancery.procedures.services import work

    user = make_user("t-verdediger", Role.APPLICANT)
    annex = [("annex", pdf_upload(), "Bijlage")]
    data = application_data(call, protected=True)
    case = work.apply(user, service.CODE, party=PERSON_AT_RISK, title="Bescherming", data=data, documents=annex)
    levels = {link.document.access_level for link in case.documents.select_related("document")}
    assert levels == {"confidential"}


def test_only_the_human_rights_fund_takes_persons_at_risk(applicant, grants):
    from chancery.grants.testing import programme

    aid = programme(grants, "humanitaire-hulp")
    call = open_call(grants, aid, title="Humanitair")
    with pytest.raises(ValidationError, match="mensenrechtenfonds|human rights fund"):
        apply(applicant, call, protected=True)


def test_a_conflicted_reviewer_never_scores(applicant, grants, call, reviewers):
    case = apply(applicant, call)
    fire(case, "declare_admissible", grants)
    application = case.grant_application
    conflicted = applications.assign_reviewer(grants, application, reviewers[0])
    with pytest.raises(ValidationError, match="(?i)verklaar|declare"):
        applications.score(reviewers[0], conflicted, {})
    with pytest.raises(ValidationError):
        applications.declare_conflict(reviewers[0], conflicted, conflict=True, note="")
    applications.declare_conflict(reviewers[0], conflicted, conflict=True, note="Bestuurslid van de aanvrager.")
    criteria = list(call.criteria.all())
    with pytest.raises(ValidationError, match="(?i)belangenconflict|conflict of interest"):
        applications.score(reviewers[0], conflicted, {c.pk: (15, "Goed.") for c in criteria})
    assert not Score.objects.exists()
    # With only a conflicted reviewer the assessment cannot close.
    with pytest.raises(ValidationError):
        fire(case, "close_assessment", grants)
    review(grants, case, reviewers[1], (12, 12, 12))
    fire(case, "close_assessment", grants)
    assert Review.objects.get(pk=conflicted.pk).scored_at is None


def test_someone_elses_review_cannot_be_filled_in(applicant, grants, call, reviewers):
    case = apply(applicant, call)
    fire(case, "declare_admissible", grants)
    own = applications.assign_reviewer(grants, case.grant_application, reviewers[0])
    with pytest.raises(PermissionDenied):
        applications.declare_conflict(reviewers[1], own, conflict=False)


def test_scores_out_of_range_or_unmotivated_are_refused_whole(applicant, grants, call, reviewers):
    case = apply(applicant, call)
    fire(case, "declare_admissible", grants)
    r = applications.assign_reviewer(grants, case.grant_application, reviewers[0])
    applications.declare_conflict(reviewers[0], r, conflict=False)
    a, b, c = call.criteria.all()
    for scores in (
        {a.pk: (21, "x"), b.pk: (10, "x"), c.pk: (10, "x")},
        {a.pk: (10, ""), b.pk: (10, "x"), c.pk: (10, "x")},
        {a.pk: ("tien", "x"), b.pk: (10, "x"), c.pk: (10, "x")},
        {a.pk: (10, "x"), b.pk: (10, "x")},
    ):
        with pytest.raises(ValidationError):
            applications.score(reviewers[0], r, scores)
    assert not Score.objects.exists()


def test_scores_stay_hidden_from_other_reviewers_until_they_scored(applicant, grants, call, reviewers):
    case = apply(applicant, call)
    fire(case, "declare_admissible", grants)
    review(grants, case, reviewers[0], (15, 15, 15))
    application = case.grant_application
    second = applications.assign_reviewer(grants, application, reviewers[1])
    assert not applications.visible_scores(reviewers[1], application).exists()
    applications.declare_conflict(reviewers[1], second, conflict=False)
    assert not applications.visible_scores(reviewers[1], application).exists()
    applications.score(reviewers[1], second, {c.pk: (10, "Matig.") for c in call.criteria.all()})
    assert applications.visible_scores(reviewers[1], application).count() == 6


def test_the_pass_marks_per_criterion_and_overall(applicant, grants, call, reviewers):
    # 20/20 on the heavy criterion, 9/20 on another: the total passes but one criterion does not.
    case = apply(applicant, call)
    to_assessed(grants, case, reviewers[:1], marks=(20, 9, 20))
    consolidation = applications.consolidate(case.grant_application)
    assert consolidation.total > consolidation.application.call.pass_mark_total
    assert [row["passes"] for row in consolidation.per_criterion] == [True, False, True]
    with pytest.raises(ValidationError, match="(?i)drempel|pass mark"):
        fire(case, "award", grants, "Toch toekennen?")
    # Exactly half passes.
    other = apply(applicant, call, title="Op de grens")
    to_assessed(grants, other, reviewers[1:], marks=(10, 10, 10))
    assert applications.consolidate(other.grant_application).passes
    fire(other, "award", grants, "Net voldoende.")


def test_the_ranking_puts_the_best_first(applicant, grants, call, reviewers):
    weak = apply(applicant, call, title="Zwak")
    strong = apply(applicant, call, title="Sterk")
    to_assessed(grants, weak, reviewers[:1], marks=(10, 12, 12))
    to_assessed(grants, strong, reviewers[1:], marks=(18, 16, 16))
    assert [c.application.case_id for c in applications.ranking(call)] == [strong.pk, weak.pk]


def test_an_award_above_the_remaining_envelope_is_refused_and_nothing_changes(applicant, grants, call, reviewers):
    from chancery.grants.services import programmes

    envelope = programmes.envelope_for(call)
    programmes.commit(grants, envelope, envelope.planned_cents - 40_000_00, reason="eerdere toekenningen")
    case = apply(applicant, call)
    to_assessed(grants, case, reviewers[:1])
    with pytest.raises(ValidationError, match="enveloppe|envelope"):
        fire(case, "award", grants, "Toekennen")
    case.refresh_from_db()
    envelope.refresh_from_db()
    assert case.state == "assessed" and case.grant_application.awarded_cents is None
    assert envelope.remaining_cents == 40_000_00


def test_inadmissible_after_the_completion_window(applicant, grants, call):
    case = apply(applicant, call)
    fire(case, "request_information", grants, "Het budget mist de personeelskosten.")
    case.refresh_from_db()
    assert case.state == "incomplete" and case.due_on == timezone.localdate() + datetime.timedelta(days=7)
    fire(case, "declare_inadmissible", grants, "Niet aangevuld binnen de week.")
    assert Case.objects.get(pk=case.pk).state == "inadmissible"


def test_handlers_outside_the_grants_service_do_not_act(applicant, grants, call):
    from chancery.core.models import Role
    from chancery.core.testing import make_user

    case = apply(applicant, call)
    stranger = make_user("t-vreemde", Role.EXPERT)
    with pytest.raises(PermissionDenied):
        applications.assign_reviewer(stranger, case.grant_application, grants_handler())
