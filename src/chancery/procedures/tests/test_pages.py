"""The handlers' pages (inbox, case, workload, statistics) and the applicant's counter (submit,
follow, answer), through the web like a user."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone

from chancery.core.models import AuditEntry
from chancery.procedures.models import Case
from chancery.procedures.services import cases as engine
from chancery.procedures.services import work
from chancery.procedures.testing import APPLICATION, PARTY, apply_for_licence, assess, pdf, propose


def at(day):
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)


@pytest.fixture
def as_handler(client, handler):
    client.force_login(handler)
    return client


@pytest.fixture
def as_applicant(client, applicant):
    client.force_login(applicant)
    return client


def test_inbox_tabs_sorted_by_deadline_with_overdue_warning(as_handler, handler, colleague, applicant):
    today = timezone.localdate()
    late = apply_for_licence(applicant, title="Laat dossier")
    soon = apply_for_licence(applicant, title="Binnenkort")
    fresh = apply_for_licence(applicant, title="Nieuw")
    engine.fire(
        late, "declare_complete", handler, expected_version=late.version, now=at(today - datetime.timedelta(days=50))
    )
    engine.fire(
        soon, "declare_complete", handler, expected_version=soon.version, now=at(today - datetime.timedelta(days=30))
    )
    work.take(handler, late)
    work.take(handler, soon)
    work.take(colleague, fresh)
    page = as_handler.get(reverse("procedures:inbox"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index(late.reference) < html.index(soon.reference)  # nearest deadline first
    assert fresh.reference not in html  # the colleague's
    assert "status--off-track" in html  # overdue marked
    assert "1 zaak" in html or "1 case" in html
    team = as_handler.get(reverse("procedures:inbox"), {"tab": "team"}).content.decode()
    assert all(c.reference in team for c in (late, soon, fresh))
    assert team.index(late.reference) < team.index(soon.reference) < team.index(fresh.reference)
    unassigned = apply_for_licence(applicant, title="Niemand")
    html = as_handler.get(reverse("procedures:inbox"), {"tab": "unassigned"}).content.decode()
    assert unassigned.reference in html and late.reference not in html


def test_workload_and_statistics(as_handler, handler, applicant):
    today = timezone.localdate()
    case = apply_for_licence(applicant)
    engine.fire(
        case, "declare_complete", handler, expected_version=case.version, now=at(today - datetime.timedelta(days=60))
    )
    work.take(handler, case)
    other = apply_for_licence(applicant, title="Snel beslist")
    engine.fire(other, "declare_complete", handler, expected_version=other.version)
    assess(other, handler)
    propose(other, handler)
    engine.fire(other, "grant", handler, reason="Verleend", expected_version=other.version)
    html = as_handler.get(reverse("procedures:workload")).content.decode()
    assert "Controle Strategische Goederen" in html and handler.display_name in html
    html = as_handler.get(reverse("procedures:statistics")).content.decode()
    assert "100.0 %" in html or "100,0 %" in html


def test_fire_from_the_case_page(as_handler, handler, submitted):
    url = reverse("procedures:case", args=[submitted.reference])
    page = as_handler.get(url).content.decode()
    assert "Eindgebruikersverklaring" in page and 'value="declare_complete"' in page
    response = as_handler.post(
        reverse("procedures:fire", args=[submitted.reference]),
        {"transition": "declare_complete", "version": submitted.version, "reason": ""},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == "under_assessment"
    assert submitted.history.last().actor == handler


def test_a_stale_form_gets_a_clear_conflict_message(as_handler, handler, colleague, submitted):
    seen = submitted.version
    engine.fire(submitted, "declare_complete", colleague, expected_version=seen)
    audit_before = AuditEntry.objects.count()
    response = as_handler.post(
        reverse("procedures:fire", args=[submitted.reference]),
        {"transition": "request_advice", "version": seen, "reason": ""},
        follow=True,
    )
    html = response.content.decode()
    assert "in the meantime" in html or "intussen" in html
    submitted.refresh_from_db()
    assert submitted.state == "under_assessment" and AuditEntry.objects.count() == audit_before


def test_a_refused_guard_is_explained(as_handler, handler, applicant):
    case = apply_for_licence(applicant, certificate=False)
    response = as_handler.post(
        reverse("procedures:fire", args=[case.reference]),
        {"transition": "declare_complete", "version": case.version},
        follow=True,
    )
    html = response.content.decode()
    assert "eindgebruikersverklaring" in html.lower() or "end-user certificate" in html.lower()
    case.refresh_from_db()
    assert case.state == "submitted"


def test_notes_documents_and_taking_a_case(as_handler, handler, submitted):
    ref = submitted.reference
    as_handler.post(reverse("procedures:take", args=[ref]))
    assert handler in submitted.handlers.all()
    as_handler.post(reverse("procedures:note", args=[ref]), {"note-text": "Criteria nagegaan", "note-internal": "on"})
    assert submitted.notes.get().internal
    response = as_handler.post(
        reverse("procedures:document", args=[ref]),
        {
            "document-kind": "external_advice",
            "document-title": "Advies",
            "document-internal": "on",
            "document-file": pdf("a.pdf"),
        },
    )
    assert response.status_code == 302
    assert submitted.documents.filter(kind="external_advice", internal=True).exists()
    bad = as_handler.post(
        reverse("procedures:document", args=[ref]), {"document-kind": "annex", "document-file": pdf("../x.pdf")}
    )
    assert bad.status_code in (302, 400)


def form_fields(**changes) -> dict:
    """The applicant's web form filled in as a browser sends it: one goods line."""
    app = {k: v for k, v in APPLICATION.items() if k not in ("goods_lines", "transit_countries")}
    line = APPLICATION["goods_lines"][0]
    fields = {
        "party_kind": "organisation",
        "party_name": PARTY["name"],
        "registration_number": "0123456749",
        "country": "be",
        "email": "export@precisie.example",
        "title": "Uitvoer naar Canada",
        **app,
        "transit_countries": "",
        "goods-TOTAL_FORMS": "1",
        "goods-INITIAL_FORMS": "0",
        "goods-MIN_NUM_FORMS": "1",
        "goods-MAX_NUM_FORMS": "50",
        **{f"goods-0-{k}": v for k, v in line.items()},
        "end_user_certificate": pdf(),
    }
    fields.update(changes)
    return fields


def test_applicant_submits_through_the_form(as_applicant, applicant, team):
    form = as_applicant.get(reverse("counter:apply", args=["CSG"]))
    assert form.status_code == 200 and "goods-0-control_list_code" in form.content.decode()
    response = as_applicant.post(reverse("counter:apply", args=["CSG"]), form_fields())
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("counter:case", args=[case.reference])
    assert case.state == "submitted" and case.applicant_user == applicant
    assert case.strategic_application.goods_lines.get().control_list_code == "6A003"
    assert "application" not in case.data and case.applicant.registration_number == "0123.456.749"
    assert case.documents.get().kind == "end_user_certificate"
    index = as_applicant.get(reverse("counter:index")).content.decode()
    assert case.reference in index


def test_applicant_form_errors_change_nothing(as_applicant, team):
    response = as_applicant.post(
        reverse("counter:apply", args=["CSG"]), form_fields(registration_number="0123456789", party_name="X")
    )
    assert response.status_code == 400 and not Case.objects.exists()
    assert as_applicant.get(reverse("counter:apply", args=["NOPE"])).status_code == 404


def test_applicant_answers_a_request_and_sees_the_decision(
    as_applicant, applicant, handler, submitted, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    engine.fire(
        submitted, "request_information", handler, reason="Welke eindgebruiker?", expected_version=submitted.version
    )
    page = as_applicant.get(reverse("counter:case", args=[submitted.reference])).content.decode()
    assert "Welke eindgebruiker?" in page and "answer-title" in page
    response = as_applicant.post(
        reverse("counter:answer", args=[submitted.reference]),
        {
            "answer-version": submitted.version,
            "answer-message": "Northern Inspection Ltd.",
            "answer-file": pdf("bijlage.pdf"),
            "answer-kind": "annex",
        },
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == "submitted" and submitted.documents.filter(kind="annex").exists()
    engine.fire(submitted, "declare_complete", handler, expected_version=submitted.version)
    engine.fire(submitted, "request_information", handler, reason="En de eindgebruiker?",
                expected_version=submitted.version)  # fmt: skip
    response = as_applicant.post(
        reverse("counter:answer", args=[submitted.reference]),
        {"answer-version": submitted.version, "answer-message": "Northern Inspection Ltd."},
    )
    submitted.refresh_from_db()
    assert submitted.state == "under_assessment"
    assess(submitted, handler)
    propose(submitted, handler)
    with django_capture_on_commit_callbacks(execute=True):
        engine.fire(
            submitted,
            "grant",
            handler,
            reason="Vergunning verleend, geldig 3 jaar.",
            expected_version=submitted.version,
        )
    page = as_applicant.get(reverse("counter:case", args=[submitted.reference])).content.decode()
    assert "Vergunning verleend, geldig 3 jaar." in page and "Intern advies" not in page
    assert any(submitted.reference in m.subject for m in mail.outbox)


def test_an_empty_answer_is_refused(as_applicant, applicant, handler, submitted):
    engine.fire(submitted, "request_information", handler, reason="Vraag", expected_version=submitted.version)
    response = as_applicant.post(
        reverse("counter:answer", args=[submitted.reference]),
        {"answer-version": submitted.version, "answer-message": ""},
    )
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.state == "incomplete"


def test_applicant_sends_a_message_and_withdraws(as_applicant, applicant, submitted):
    as_applicant.post(reverse("counter:message", args=[submitted.reference]), {"message-message": "Nog een vraag"})
    assert submitted.notes.get().internal is False
    response = as_applicant.post(
        reverse("procedures:fire", args=[submitted.reference]), {"transition": "withdraw", "version": submitted.version}
    )
    assert response.status_code == 302 and response["Location"] == reverse("counter:case", args=[submitted.reference])
    submitted.refresh_from_db()
    assert submitted.state == "withdrawn"


def test_handler_pages_are_for_the_administration(client, org):
    client.force_login(org.users["expert"])
    assert client.get(reverse("procedures:inbox")).status_code == 403
    assert client.get(reverse("procedures:workload")).status_code == 403


def test_admin_shows_cases_read_only(client, org, submitted):
    client.force_login(org.users["admin"])
    assert client.get(reverse("admin:procedures_case_changelist")).status_code == 200
    assert client.get(reverse("admin:procedures_case_change", args=[submitted.pk])).status_code == 200
    assert client.get(reverse("admin:procedures_party_changelist")).status_code == 200
    assert client.get(reverse("admin:procedures_case_add")).status_code == 403


def test_home_page_panels(client, handler, applicant, submitted):
    engine.fire(submitted, "request_information", handler, reason="Vraag", expected_version=submitted.version)
    work.take(handler, submitted)
    client.force_login(handler)
    html = client.get(reverse("home")).content.decode()
    assert reverse("procedures:inbox") in html
    client.force_login(applicant)
    html = client.get(reverse("home")).content.decode()
    assert reverse("counter:index") in html and "status--at-risk" in html
    client.logout()
    assert client.get(reverse("home")).status_code == 200


def test_a_double_press_at_the_counter_makes_one_application(as_applicant, team):
    """Issue 14: a double press made two licence applications with two numbers."""
    import re

    page = as_applicant.get(reverse("counter:apply", args=["CSG"])).content.decode()
    token = re.search(r'name="form_token" value="([0-9a-f-]{36})"', page).group(1)
    first = as_applicant.post(reverse("counter:apply", args=["CSG"]), {**form_fields(), "form_token": token})
    second = as_applicant.post(reverse("counter:apply", args=["CSG"]), {**form_fields(), "form_token": token})
    case = Case.objects.get()
    assert first["Location"] == second["Location"] == reverse("counter:case", args=[case.reference])


def test_the_case_page_says_why_the_proposer_may_not_decide(as_handler, handler, applicant):
    case = apply_for_licence(applicant)
    engine.fire(case, "declare_complete", handler, expected_version=case.version)
    assess(case, handler)
    engine.fire(case, "propose_department_decision", handler, expected_version=case.version)
    page = as_handler.get(reverse("procedures:case", args=[case.reference])).content.decode()
    assert "“Verlenen” vraagt een tweede persoon: u nam zelf de stap “Beslissing voorstellen" in page
    response = as_handler.post(
        reverse("procedures:fire", args=[case.reference]),
        {"transition": "grant", "version": case.version, "reason": "Verleend"},
        follow=True,
    )
    assert "tweede persoon" in response.content.decode() and Case.objects.get(pk=case.pk).state == (
        "decision_department"
    )


def test_case_pages_have_unique_ids_and_a_label_for_every_field(client, handler, applicant, submitted):
    """The note's and the document's 'internal' boxes once shared `id_internal`, so the note's label
    toggled the document form's box; so did the applicant's answer and message fields."""
    from chancery.core.testing import form_markup_problems

    work.take(handler, submitted)
    engine.fire(submitted, "request_information", handler, reason="Welke eindgebruiker?",
                expected_version=submitted.version)  # fmt: skip
    client.force_login(handler)
    assert form_markup_problems(client.get(submitted.get_absolute_url()).content.decode()) == []
    work.answer_request(applicant, submitted, message="Zie bijlage", expected_version=submitted.version)
    engine.fire(submitted, "declare_complete", handler, expected_version=submitted.version)
    assert form_markup_problems(client.get(submitted.get_absolute_url()).content.decode()) == []
    engine.fire(submitted, "request_information", handler, reason="Nog iets?", expected_version=submitted.version)
    client.force_login(applicant)
    page = client.get(reverse("counter:case", args=[submitted.reference])).content.decode()
    assert "answer-title" in page
    assert form_markup_problems(page) == []


def test_the_handler_waiting_for_the_applicant_reads_what_is_awaited_and_since_when(
    client, handler, applicant, submitted
):
    """Not only 'you cannot take a step now': what the case waits for, since when, and who acts."""
    work.take(handler, submitted)
    engine.fire(submitted, "request_information", handler, reason="Welke eindgebruiker?",
                expected_version=submitted.version)  # fmt: skip
    asked = submitted.history.order_by("-at", "-pk").first().at
    client.force_login(handler)
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert "U kunt nu geen stap zetten" not in page
    assert "Wacht op de aanvrager sinds" in page
    assert formats.date_format(timezone.localtime(asked), "j F Y H:i") in page and "Welke eindgebruiker?" in page
    assert "wanneer de aanvrager antwoordt" in page


def test_an_answer_sent_twice_is_received_once_and_the_second_says_so(as_applicant, handler, submitted):
    """A double click sent the answer twice: the second got a bare 400 page without a word."""
    engine.fire(submitted, "request_information", handler, reason="Vraag", expected_version=submitted.version)
    form = {"answer-version": submitted.version, "answer-message": "Northern Inspection Ltd."}
    url = reverse("counter:answer", args=[submitted.reference])
    assert as_applicant.post(url, form).status_code == 302
    notes = submitted.notes.count()
    again = as_applicant.post(url, form, follow=True)
    assert again.status_code == 200 and again.redirect_chain[-1][0] == reverse(
        "counter:case", args=[submitted.reference]
    )
    assert "Uw antwoord is al ontvangen" in again.content.decode()
    assert submitted.notes.count() == notes


def test_the_case_page_speaks_dutch_and_names_no_file_of_ours(as_handler, handler, submitted):
    """It read 'Beslissingsniveau department' and '(procedure-rules.md §A6)'."""
    engine.fire(submitted, "declare_complete", handler, expected_version=submitted.version)
    assess(submitted, handler)
    engine.fire(submitted, "propose_department_decision", handler, expected_version=submitted.version)
    page = as_handler.get(submitted.get_absolute_url()).content.decode()
    assert "Beslissingsniveau</dt><dd>het departement" in page
    assert ".md" not in page and "department" not in page.replace("departement", "")
