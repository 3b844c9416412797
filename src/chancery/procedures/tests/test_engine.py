"""The engine: every transition and guard of the strategic-goods procedure, refusals that change
nothing (wrong role, stale version, wrong state, missing reason), history and audit trail, the
yearly references, and a second procedure declared here to show the engine is generic."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from chancery.core.models import AuditEntry, Role
from chancery.core.testing import make_user
from chancery.procedures import registry
from chancery.procedures.engine import DefinitionError, Procedure, State, Transition
from chancery.procedures.models import Case, CaseTransition, Party
from chancery.procedures.services import cases as engine
from chancery.procedures.services import work
from chancery.procedures.testing import PARTY, apply_for_licence, assess, docx, pdf, second_person
from chancery.strategic_goods import procedure as strategic_goods


def fire(case, name, user, reason="", **kwargs):
    return engine.fire(case, name, user, reason=reason, expected_version=case.version, **kwargs)


def snapshot(case):
    case = Case.objects.get(pk=case.pk)
    return (case.state, case.version, case.due_on, CaseTransition.objects.filter(case=case).count(),
            AuditEntry.objects.count(), case.clock_periods.count(), case.notes.count())  # fmt: skip


def refused(case, name, user, code=None, reason="", version=None):
    before = snapshot(case)
    with pytest.raises(ValidationError) as info:
        engine.fire(case, name, user, reason=reason, expected_version=case.version if version is None else version)
    assert snapshot(case) == before, "a refusal changes nothing"
    if code:
        assert code in {e.code for e in info.value.error_list} | {getattr(info.value, "code", None)}
    return " ".join(info.value.messages)


def to_assessment(case, handler):
    fire(case, "declare_complete", handler)
    return case


def assessed(case, handler):
    to_assessment(case, handler)
    assess(case, handler)
    return case


# --- submission and references ----------------------------------------------------------------


def test_application_is_submitted_with_a_yearly_reference(submitted, applicant):
    year = submitted.created_at.year
    assert submitted.reference == f"CSG-{year}-0001"
    assert submitted.state == "submitted" and submitted.submitted_at is not None
    assert submitted.applicant.registration_number == "0123.456.749"
    assert submitted.team.code == strategic_goods.TEAM
    second = apply_for_licence(applicant, title="Tweede aanvraag")
    assert second.reference == f"CSG-{year}-0002"
    # The same company is one party.
    assert Party.objects.count() == 1
    step = submitted.history.get()
    assert (step.name, step.source, step.target, step.actor) == ("submit", "draft", "submitted", applicant)
    assert AuditEntry.objects.filter(object_id=str(submitted.pk), action="state_change").count() == 1


def test_invalid_enterprise_number_is_refused_and_nothing_is_left(applicant, team):
    parties = Party.objects.count()  # the company the applicant represents
    with pytest.raises(ValidationError) as info:
        apply_for_licence(applicant, party={**PARTY, "registration_number": "0123.456.789"})
    assert "ondernemingsnummer" in " ".join(info.value.messages) or "enterprise number" in " ".join(info.value.messages)
    assert not Case.objects.exists() and Party.objects.count() == parties


def test_a_person_may_apply_without_registration_number(applicant, team):
    person = {"kind": "person", "name": "Jan Peeters", "registration_number": "", "country": "BE"}
    case = apply_for_licence(applicant, party=person)
    assert case.applicant.kind == "person"


def test_a_refused_upload_leaves_no_case(applicant, team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("verklaring.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError):
        apply_for_licence(applicant, certificate=bad)
    assert not Case.objects.exists()


# --- every transition ---------------------------------------------------------------------------


def test_department_path_to_a_grant(submitted, handler, applicant):
    case = submitted
    fire(case, "declare_complete", handler)
    assert case.state == "under_assessment" and case.due_on is not None
    fire(case, "request_advice", handler)
    assert case.state == "awaiting_advice" and case.due_on is None  # suspended
    work.add_document(handler, case, upload=pdf("advies.pdf", "Advies FOD"), kind="external_advice", internal=True)
    fire(case, "advice_received", handler)
    assert case.state == "under_assessment" and case.due_on is not None
    assess(case, handler)
    fire(case, "propose_department_decision", second_person(handler))  # four eyes: the handler decides
    assert case.state == "decision_department" and case.data["decision_level"] == "department"
    fire(case, "grant", handler, reason="Vergunning verleend voor 3 jaar.")
    assert case.state == "granted" and case.closed_at is not None and case.within_term is True
    assert not case.is_open
    # The applicant was told (an automatic, non-internal message).
    assert case.notes.filter(internal=False, author=None).exists()
    fire(case, "revoke", handler, reason="Embargo ingesteld.")
    assert case.state == "revoked"
    names = list(case.history.values_list("name", flat=True))
    assert names == ["submit", "declare_complete", "request_advice", "advice_received",
                     "propose_department_decision", "grant", "revoke"]  # fmt: skip


@pytest.mark.parametrize("decision,target", [
    ("grant", "granted"), ("grant_with_conditions", "granted_with_conditions"), ("refuse", "refused"),
])  # fmt: skip
def test_minister_decides(submitted, handler, org, decision, target):
    case = assessed(submitted, handler)
    fire(case, "refer_to_minister", handler)
    assert case.state == "decision_minister" and case.data["decision_level"] == "minister"
    # The civil servant may not take the minister's decision.
    message = refused(case, decision, handler, code="role", reason="x")
    assert "rol" in message.lower() or "role" in message.lower()
    fire(case, decision, org.users["cabinet_concerned"], reason="Beslissing van de minister.")
    assert case.state == target


@pytest.mark.parametrize("decision,target", [
    ("grant_with_conditions", "granted_with_conditions"), ("refuse", "refused"),
])  # fmt: skip
def test_department_decisions(submitted, handler, decision, target):
    case = assessed(submitted, handler)
    fire(case, "propose_department_decision", second_person(handler))
    fire(case, decision, handler, reason="Motivering")
    assert case.state == target


def test_who_proposed_a_decision_does_not_take_it(submitted, handler, colleague):
    """Four eyes (issue 13): the civil servant who proposes a licence decision cannot also take it."""
    case = assessed(submitted, handler)
    fire(case, "propose_department_decision", handler)
    for decision in ("grant", "grant_with_conditions", "refuse"):
        message = refused(case, decision, handler, code="four_eyes", reason="Motivering")
        assert "tweede persoon" in message and "Beslissing voorstellen" in message
    assert engine.why_not(handler, case, case.definition.transition("grant", case.state))
    # Sent back and proposed again by the colleague: now the handler is the second person.
    fire(case, "back_to_assessment", handler, reason="Nog een advies")
    fire(case, "propose_department_decision", colleague)
    refused(case, "grant", colleague, code="four_eyes", reason="Motivering")
    assert engine.why_not(handler, case, case.definition.transition("grant", case.state)) == []
    fire(case, "grant", handler, reason="Verleend")
    assert case.state == "granted"


def test_four_eyes_is_declared_per_procedure(applicant, handler, colleague):
    """The engine's general declaration: a step not taken by the actor of another."""
    with pytest.raises(DefinitionError):
        unknown = Transition("t", "T", "a", "b", {Role.CIVIL_SERVANT}, not_by_actor_of={"nope"})
        Procedure(code="X", name="X", initial="a", states=(State("a", "A"), State("b", "B")), transitions=(unknown,))
    checked = Procedure(
        code="X2", name="X2", initial="a", states=(State("a", "A"), State("b", "B"), State("c", "C", final=True)),
        transitions=(Transition("check", "Nakijken", "a", "b", {Role.CIVIL_SERVANT}),
                     Transition("pay", "Betalen", "b", "c", {Role.CIVIL_SERVANT}, not_by_actor_of={"check"})),
    )  # fmt: skip
    registry.register(checked)
    try:
        party = Party.objects.create(kind="person", name="Els Maes", country="BE")
        case = engine.create_case(applicant, "X2", title="Claim", applicant=party, applicant_user=applicant)
        Case.objects.filter(pk=case.pk).update(team=handler.entity)
        fire(case, "check", handler)
        assert "tweede persoon" in refused(case, "pay", handler, code="four_eyes")
        fire(case, "pay", colleague)
        assert checked.describe()["transitions"][1]["not_by_actor_of"] == ["check"]
    finally:
        registry.unregister("X2")


def test_back_to_assessment_from_both_decision_levels(submitted, handler, org):
    case = assessed(submitted, handler)
    fire(case, "propose_department_decision", handler)
    fire(case, "back_to_assessment", handler, reason="Extra advies nodig")
    assert case.state == "under_assessment"
    fire(case, "refer_to_minister", handler)
    fire(case, "back_to_assessment", org.users["minister_concerned"], reason="Meer uitleg")
    assert case.state == "under_assessment"


def test_expiry_of_a_granted_licence(submitted, handler):
    case = assessed(submitted, handler)
    fire(case, "propose_department_decision", second_person(handler))
    fire(case, "grant_with_conditions", handler, reason="Voorwaarde: rapportering")
    fire(case, "expire", handler, reason="Geldigheid verstreken")
    assert case.state == "expired"


def test_inadmissible(submitted, handler):
    fire(submitted, "declare_inadmissible", handler, reason="Geen Vlaamse bevoegdheid (makelaardij).")
    assert submitted.state == "inadmissible" and submitted.closed_at is not None
    assert submitted.within_term is None  # the clock never started


def test_request_for_information_and_answer(submitted, handler, applicant):
    case = to_assessment(submitted, handler)
    fire(case, "request_information", handler, reason="Bezorg de technische fiche.")
    assert case.state == "information_requested" and case.due_on is None
    # Answering needs a message.
    message = refused(case, "answer", applicant, code="guard")
    assert message
    work.answer_request(applicant, case, message="Hierbij de fiche.", upload=pdf("fiche.pdf"),
                        kind="technical_description", expected_version=case.version)  # fmt: skip
    case.refresh_from_db()
    # Back to the assessment, where the question was asked; the clock runs again.
    assert case.state == "under_assessment" and case.due_on is not None
    assert case.documents.filter(kind="technical_description").exists()


def test_answer_before_completeness_goes_back_to_the_check(submitted, handler, applicant):
    fire(submitted, "request_information", handler, reason="Eindgebruikersverklaring onleesbaar.")
    work.answer_request(applicant, submitted, message="Nieuwe scan", expected_version=submitted.version)
    submitted.refresh_from_db()
    assert submitted.state == "submitted" and not submitted.clock_periods.exists()


def test_request_information_before_completeness(submitted, handler, applicant):
    fire(submitted, "request_information", handler, reason="Eindgebruikersverklaring onleesbaar.")
    assert submitted.state == "incomplete"
    assert not submitted.clock_periods.exists()


@pytest.mark.parametrize("source", ["submitted", "incomplete", "information_requested"])
def test_applicant_withdraws(submitted, handler, applicant, source):
    if source == "information_requested":
        fire(submitted, "declare_complete", handler)
    if source != "submitted":
        fire(submitted, "request_information", handler, reason="Vraag")
    assert submitted.state == source
    fire(submitted, "withdraw", applicant)
    assert submitted.state == "withdrawn"


def test_withdraw_a_draft(applicant, team):
    party = Party.objects.create(kind="person", name="Jan Peeters", country="BE")
    case = engine.create_case(applicant, "CSG", title="Ontwerp", applicant=party, applicant_user=applicant)
    assert case.state == "draft"
    fire(case, "withdraw", applicant)
    assert case.state == "withdrawn"


# --- guards -------------------------------------------------------------------------------------


def test_the_clock_does_not_start_without_a_signed_end_user_certificate(applicant, handler):
    case = apply_for_licence(applicant, certificate=False)
    message = refused(case, "declare_complete", handler, code="guard")
    assert "eindgebruikersverklaring" in message.lower() or "end-user certificate" in message.lower()
    assert not case.clock_periods.exists()


def test_the_end_user_certificate_must_be_a_pdf(applicant, handler):
    case = apply_for_licence(applicant, certificate=docx())
    message = refused(case, "declare_complete", handler, code="guard")
    assert "pdf" in message.lower()


def test_an_internal_certificate_does_not_count(applicant, handler):
    case = apply_for_licence(applicant, certificate=False)
    work.add_document(handler, case, upload=pdf(), kind="end_user_certificate", internal=True)
    refused(case, "declare_complete", handler, code="guard")


def test_another_app_can_add_a_guard_to_a_step(submitted, handler):
    """`Procedure.extend`: an app that the procedure's owner does not know adds a rule to a step."""
    import dataclasses

    from chancery.procedures import registry
    from chancery.procedures.engine import DefinitionError, Guard

    def screened(case):
        return None if case.data.get("screened") else "Screening op sanctielijsten ontbreekt."

    extended = dataclasses.replace(strategic_goods.STRATEGIC_GOODS)
    guard = Guard("screened", "screened", screened)
    extended.extend("declare_complete", guards=(guard,))
    extended.extend("declare_complete", guards=(guard,))  # the same guard twice: once
    assert [g.code for g in extended.transition("declare_complete", "submitted").guards].count("screened") == 1
    assert "screened" not in [
        g.code for g in strategic_goods.STRATEGIC_GOODS.transition("declare_complete", "submitted").guards
    ]
    with pytest.raises(DefinitionError):
        extended.extend("declare_compleet", guards=(guard,))
    registry.register(extended, replace=True)
    try:
        message = refused(submitted, "declare_complete", handler, code="guard")
        assert "sanctielijsten" in message
        Case.objects.filter(pk=submitted.pk).update(data={**submitted.data, "screened": True})
        submitted.refresh_from_db()
        fire(submitted, "declare_complete", handler)
    finally:
        registry.register(strategic_goods.STRATEGIC_GOODS, replace=True)


def test_advice_must_be_attached_before_it_is_received(submitted, handler):
    case = to_assessment(submitted, handler)
    fire(case, "request_advice", handler)
    refused(case, "advice_received", handler, code="guard")


@pytest.mark.parametrize("transition", ["propose_department_decision", "refer_to_minister"])
def test_a_decision_needs_an_assessment(submitted, handler, applicant, transition):
    case = to_assessment(submitted, handler)
    # A message to the applicant is not an assessment.
    work.add_note(handler, case, "Wij bekijken uw dossier.", internal=False)
    message = refused(case, transition, handler, code="guard")
    assert message


@pytest.mark.parametrize("transition", ["declare_inadmissible", "request_information"])
def test_a_reason_is_required(submitted, handler, transition):
    refused(submitted, transition, handler, reason="   ")


# --- refusals change nothing --------------------------------------------------------------------


def test_wrong_role_is_refused_clearly(submitted, applicant, org, other_applicant):
    message = refused(submitted, "declare_complete", applicant, code="role")
    assert "Voltooi" in message or "complete" in message.lower() or "rol" in message.lower()
    # Another applicant is not "the applicant" of this case.
    refused(submitted, "withdraw", other_applicant, code="role")
    # An expert, a minister: not for this step.
    refused(submitted, "declare_complete", org.users["expert"], code="role")
    refused(submitted, "declare_complete", org.users["minister_concerned"], code="role")


def test_someone_who_may_not_see_the_case_may_not_act(submitted, org, handler):
    outsider = org.users["civil_servant"]  # a civil servant of another department
    refused(submitted, "declare_complete", outsider, code="role")
    work.assign(handler, submitted, [handler, outsider])
    fire(submitted, "declare_complete", outsider)
    assert submitted.state == "under_assessment"


def test_stale_version_is_a_conflict(submitted, handler, colleague):
    seen = submitted.version
    fire(submitted, "declare_complete", handler)
    message = refused(submitted, "request_advice", colleague, code="stale", version=seen)
    assert message


def test_a_step_from_the_wrong_state_is_refused(submitted, handler):
    refused(submitted, "grant", handler, code="state", reason="x")
    refused(submitted, "no_such_step", handler, code="state")


def test_available_transitions_follow_the_role(submitted, handler, applicant, org):
    names = {t.name for t in engine.available_transitions(handler, submitted)}
    assert names == {"declare_inadmissible", "request_information", "declare_complete"}
    assert {t.name for t in engine.available_transitions(applicant, submitted)} == {"withdraw"}
    assert engine.available_transitions(org.users["expert"], submitted) == []


# --- definitions ----------------------------------------------------------------------------------


def test_a_definition_that_does_not_hold_together_is_refused():
    with pytest.raises(DefinitionError):
        Procedure(code="X", name="X", initial="a", states=(State("a", "A"),),
                  transitions=(Transition("t", "T", "a", "nowhere", {Role.CIVIL_SERVANT}),))  # fmt: skip
    with pytest.raises(DefinitionError):
        Procedure(code="X", name="X", initial="a", states=(State("a", "A", final=True), State("b", "B")),
                  transitions=(Transition("t", "T", "a", "b", {Role.CIVIL_SERVANT}),))  # fmt: skip
    with pytest.raises(DefinitionError):
        Procedure(code="X", name="X", initial="a", states=(State("a", "A"), State("b", "B")),
                  transitions=(Transition("t", "T", "a", "b", set()),))  # fmt: skip
    with pytest.raises(DefinitionError):
        registry.register(Procedure(code="CSG", name="Dubbel", initial="a", states=(State("a", "A"),), transitions=()))


def test_every_figure_carries_its_source_and_date():
    for procedure in registry.all_procedures():
        for clock in procedure.clocks:
            for term in clock.terms:
                assert term.days > 0 and term.source and isinstance(term.valid_from, datetime.date)
    terms = {t.variant: t.days for t in strategic_goods.STRATEGIC_GOODS.clocks[0].terms}
    assert terms == {"department": 42, "minister": 84}


# --- a second procedure, declared only in the tests ---------------------------------------------


def test_a_second_procedure_runs_on_the_same_engine(grant_claim, applicant, handler):
    party = Party.objects.create(kind="person", name="Els Maes", country="BE")
    monday = datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)
    case = engine.create_case(applicant, "TGC", title="Schade na storm", applicant=party, applicant_user=applicant,
                              data={"amount": 9000}, now=monday)  # fmt: skip
    assert case.reference == "TGC-2026-0001" and case.state == "claimed"
    # 10 working days from Monday 2 March 2026: Monday 16 March.
    assert case.due_on == datetime.date(2026, 3, 16)
    message = refused(case, "approve", handler, code="guard")
    assert "plafond" in message
    refused(case, "reject", applicant, code="role")
    engine.fire(case, "reject", handler, reason="Boven het plafond", expected_version=case.version,
                now=monday + datetime.timedelta(days=3))  # fmt: skip
    assert case.state == "rejected" and case.within_term is True
    assert case in Case.objects.visible_to(handler)


def test_the_second_procedure_appears_in_the_command(grant_claim, capsys):
    import json

    call_command("procedures", "--json")
    described = {p["code"]: p for p in json.loads(capsys.readouterr().out)["procedures"]}
    assert {"CSG", "TGC"} <= set(described)
    assert [t["name"] for t in described["TGC"]["transitions"]] == ["approve", "reject", "withdraw"]


def test_the_command_lists_states_and_transitions(capsys):
    import json

    call_command("procedures")
    text = capsys.readouterr().out
    assert "CSG" in text and "declare_complete" in text and "submitted -> under_assessment" in text
    assert "42" in text and "84" in text
    call_command("procedures", "--json")
    data = json.loads(capsys.readouterr().out)
    csg = next(p for p in data["procedures"] if p["code"] == "CSG")
    expected = {
        "draft", "submitted", "incomplete", "under_assessment", "awaiting_advice", "decision_department",
        "decision_minister", "granted", "granted_with_conditions", "refused", "inadmissible",
    }  # fmt: skip
    assert {s["code"] for s in csg["states"]} >= expected
    assert csg["clocks"][0]["terms"][0]["source"]
    guards = {t["name"]: t["guards"] for t in csg["transitions"]}
    assert guards["declare_complete"] == ["file_is_complete"]


def test_an_unrelated_user_may_not_be_made_handler(submitted, handler, applicant):
    with pytest.raises(ValidationError):
        work.assign(handler, submitted, [applicant])
    stranger = make_user("t-vreemde", Role.CIVIL_SERVANT)
    work.assign(handler, submitted, [handler, stranger])
    assert set(submitted.handlers.all()) == {handler, stranger}
