"""Licence applications of the procedure CSG: goods lines, parties and countries; the screening
guard; the eight criteria; denial notifications; what the applicant sees."""

import html
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from chancery.licensing.testing import authorise
from chancery.procedures.models import Case
from chancery.procedures.services import cases as engine
from chancery.procedures.services import work
from chancery.procedures.testing import APPLICATION, PARTY, application_data, apply_for_licence, assess, pdf, propose
from chancery.strategic_goods.models import Application, CriterionFinding, DenialNotification, GoodsLine
from chancery.strategic_goods.services import review_hit, screen_parties, unreviewed_hits
from chancery.strategic_goods.services.assessment import record_finding
from chancery.strategic_goods.services.denials import earlier_denials, flagged

LISTED = "Dmitriy Ivanovich Sokolovsky"


def line(**changes):
    return [{**APPLICATION["goods_lines"][0], **changes}]


def nothing_stored():
    return not Case.objects.exists() and not Application.objects.exists() and not GoodsLine.objects.exists()


def fire(case, name, user, reason="Reden"):
    return engine.fire(case, name, user, reason=reason, expected_version=case.version)


def to_decision(case, handler, *, negative=()):
    fire(case, "declare_complete", handler)
    assess(case, handler, negative=negative)
    propose(case, handler)  # by a colleague: the handler takes the decision (four eyes)
    return case


# --- the application --------------------------------------------------------------------------


def test_an_application_is_recorded_with_its_goods_lines(applicant, team):
    two = [
        *line(),
        {"description": "Koelers", "control_list_code": "6a002 ", "quantity": 3, "value_eur": "0"},
    ]
    case = apply_for_licence(applicant, data=application_data(goods_lines=two, transit_countries=["de", "PL"]))
    application = case.strategic_application
    assert [(g.position, g.control_list_code, g.quantity) for g in application.goods_lines.all()] == [
        (1, "6A003", 12),
        (2, "6A002", 3),
    ]
    assert application.transit_countries == ["DE", "PL"] and application.destination_country == "CA"
    assert "application" not in case.data


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"control_list_code": "3A01"}, "3A01"),  # malformed
        ({"control_list_code": "3A001.z.9"}, "3A001.z.9"),  # well-formed, not on the list
        ({"control_list_code": "5A992"}, "5A992"),  # a US ECCN
        ({"quantity": -3}, "Goederenlijn 1"),
        ({"quantity": 0}, "Goederenlijn 1"),
        ({"value_eur": "-1"}, "Goederenlijn 1"),
    ],
)
def test_bad_goods_lines_are_refused_and_nothing_is_stored(applicant, team, changes, message):
    with pytest.raises(ValidationError) as refused:
        apply_for_licence(applicant, data=application_data(goods_lines=line(**changes)))
    assert message in " ".join(refused.value.messages)
    assert nothing_stored()


@pytest.mark.parametrize("field", ["destination_country", "end_user_country"])
def test_unknown_countries_are_refused(applicant, team, field):
    with pytest.raises(ValidationError, match="ISO 3166"):
        apply_for_licence(applicant, data=application_data(**{field: "XX"}))
    assert nothing_stored()


@pytest.mark.parametrize("destination", ["NL", "LU"])
def test_a_benelux_transfer_needs_no_licence(applicant, team, destination):
    with pytest.raises(ValidationError, match="Benelux"):
        apply_for_licence(
            applicant, data=application_data(kind="transfer", goods_family="military", destination_country=destination,
                                             goods_lines=line(control_list_code="ML6"))
        )  # fmt: skip
    assert nothing_stored()
    authorise(applicant)
    case = apply_for_licence(
        applicant, data=application_data(kind="transfer", goods_family="military", destination_country="DE",
                                         goods_lines=line(control_list_code="ML6"))
    )  # fmt: skip
    assert case.strategic_application.kind == "transfer"


MILITARY_LINE = line(control_list_code="ML6", description="Reserveonderdelen voor pantservoertuigen")


@pytest.mark.parametrize(
    "changes, message",
    [
        # Intra-EU transfer outside the EU, or to Belgium itself.
        ({"kind": "transfer", "goods_family": "military", "destination_country": "CA", "goods_lines": MILITARY_LINE},
         "CA is dat niet"),
        ({"kind": "transfer", "goods_family": "military", "destination_country": "BE", "goods_lines": MILITARY_LINE},
         "BE is dat niet"),
        # Military goods to a Member State are transferred, not exported.
        ({"kind": "export", "goods_family": "military", "destination_country": "FR", "goods_lines": MILITARY_LINE},
         "overgedragen, niet uitgevoerd"),
        # Kind of application against kind of goods.
        ({"kind": "dual_use_export", "goods_family": "military", "goods_lines": MILITARY_LINE},
         "betreft producten voor tweeërlei gebruik"),
        ({"kind": "export"}, "Kies voor producten voor tweeërlei gebruik de uitvoer"),
        # Licence form against kind (transit individual; military export not global).
        ({"kind": "transit", "goods_family": "military", "licence_form": "global", "goods_lines": MILITARY_LINE},
         "altijd een individuele vergunning"),
        ({"kind": "export", "goods_family": "military", "licence_form": "global", "goods_lines": MILITARY_LINE},
         "individuele vergunning nodig; een globale vergunning"),
        # Codes from the list of the kind of goods.
        ({"goods_lines": line(control_list_code="ML6")}, "bijlage I van Verordening (EU) 2021/821, niet ML6"),
        ({"kind": "export", "goods_family": "military"}, "(ML1 tot ML22), niet 6A003"),
    ],
)  # fmt: skip
def test_what_does_not_fit_together_is_refused(applicant, team, changes, message):
    authorise(applicant)  # so that only the combination can be wrong
    with pytest.raises(ValidationError, match=re.escape(message)):
        apply_for_licence(applicant, data=application_data(**changes))
    assert nothing_stored()
    # The same rule at the field of the web form.
    client = Client()
    client.force_login(applicant)
    fields = form_fields(**{k: v for k, v in changes.items() if k != "goods_lines"})
    if "goods_lines" in changes:
        fields.update(
            {"goods-TOTAL_FORMS": "1", "goods-0-control_list_code": changes["goods_lines"][0]["control_list_code"]}
        )
    response = client.post(reverse("counter:apply", args=["CSG"]), fields)
    assert response.status_code == 400 and message in html.unescape(response.content.decode())
    assert nothing_stored()


def test_what_fits_together_is_filed(applicant, team):
    authorise(applicant)
    for changes in (
        {"kind": "transfer", "goods_family": "military", "destination_country": "FR", "licence_form": "global"},
        {"kind": "export", "goods_family": "military", "destination_country": "CA"},
        {"kind": "transit", "goods_family": "military", "destination_country": "CH"},
        {"kind": "dual_use_export", "licence_form": "global", "destination_country": "JP"},
    ):
        lines = MILITARY_LINE if changes.get("goods_family") == "military" else line()
        case = apply_for_licence(applicant, data=application_data(goods_lines=lines, **changes))
        assert case.state == "submitted" and case.strategic_application.kind == changes["kind"]


def form_fields(**changes):
    app = {k: v for k, v in APPLICATION.items() if k not in ("goods_lines", "transit_countries")}
    fields = {
        "party_kind": "organisation", "party_name": PARTY["name"], "registration_number": "0123456749",
        "country": "BE", "title": "Uitvoer", **app, "transit_countries": "DE, pl",
        "goods-TOTAL_FORMS": "2", "goods-INITIAL_FORMS": "0", "goods-MIN_NUM_FORMS": "1",
        "goods-MAX_NUM_FORMS": "50",
        "goods-0-description": "Camera's", "goods-0-control_list_code": "6A003", "goods-0-quantity": "2",
        "goods-0-value_eur": "1000",
        "goods-1-description": "Koelers", "goods-1-control_list_code": "6A002", "goods-1-quantity": "1",
        "goods-1-value_eur": "10",
        "end_user_certificate": pdf(),
    }  # fmt: skip
    fields.update(changes)
    return fields


def test_the_web_form_files_two_goods_lines(client, applicant, team):
    client.force_login(applicant)
    response = client.post(reverse("counter:apply", args=["CSG"]), form_fields())
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.goods_lines.count() == 2 and application.transit_countries == ["DE", "PL"]


def test_the_web_form_files_a_temporary_military_export_without_prior_authorisation(client, applicant, team):
    client.force_login(applicant)
    military = {"kind": "export", "goods_family": "military", "goods-TOTAL_FORMS": "1",
                "goods-0-control_list_code": "ML6"}  # fmt: skip
    response = client.post(reverse("counter:apply", args=["CSG"]), form_fields(**military))
    assert response.status_code == 400 and "voorafgaande machtiging" in response.content.decode()
    assert nothing_stored()
    response = client.post(reverse("counter:apply", args=["CSG"]), form_fields(temporary="on", **military))
    assert response.status_code == 302
    assert Application.objects.get().temporary is True


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"goods-1-control_list_code": "5A992"}, "5A992"),
        ({"goods-0-quantity": "-4"}, "goods-0-quantity"),
        ({"goods-0-control_list_code": "XYZ"}, "XYZ"),
        ({"kind": "transfer", "destination_country": "NL"}, "Benelux"),
        ({"destination_country": "ZZ"}, "ZZ"),
        # The party's rule, shown with the form's other errors at once.
        ({"registration_number": "", "goods-0-quantity": "-4"}, "heeft een registratienummer nodig"),
        ({"registration_number": "0123456700"}, "geen geldig Belgisch ondernemingsnummer"),
    ],
)
def test_the_web_form_refuses_bad_input_and_stores_nothing(client, applicant, team, changes, message):
    client.force_login(applicant)
    response = client.post(reverse("counter:apply", args=["CSG"]), form_fields(**changes))
    assert response.status_code == 400 and message in response.content.decode()
    assert nothing_stored()


# --- screening --------------------------------------------------------------------------------


def test_screening_hits_block_every_decision_until_reviewed(demo_list, applicant, handler):
    case = apply_for_licence(applicant, data=application_data(end_user_name=LISTED, end_user_country="RU"))
    assert unreviewed_hits(case.reference).exists()
    # Not complete while a hit awaits review; nothing changed.
    with pytest.raises(ValidationError, match="screeningtreffer"):
        fire(case, "declare_complete", handler)
    case.refresh_from_db()
    assert case.state == "submitted" and case.history.count() == 1
    for hit in unreviewed_hits(case.reference):
        review_hit(hit, handler, "false_positive", "Andere persoon: geboortedatum verschilt.")
    fire(case, "declare_complete", handler)
    assess(case, handler)
    # A hit found later (the list was reloaded) blocks the proposal and every decision.
    screen_parties(case.reference, [("Yevgeni Petrovich Marchenko-Volkov", "")])
    version = case.version
    for name in ("propose_department_decision", "refer_to_minister"):
        with pytest.raises(ValidationError, match="screeningtreffer"):
            fire(case, name, handler)
    case.refresh_from_db()
    assert (case.state, case.version) == ("under_assessment", version)
    hit = unreviewed_hits(case.reference).get()
    review_hit(hit, handler, "false_positive", "Naamgenoot.")
    propose(case, handler)
    screen_parties(case.reference, [("Dmitri Sokolovski", "")])
    screen_parties(case.reference, [("Evgeny Marchenko", "")])
    assert unreviewed_hits(case.reference).exists()
    for name in ("grant", "grant_with_conditions", "refuse"):
        with pytest.raises(ValidationError, match="screeningtreffer"):
            fire(case, name, handler)
    case.refresh_from_db()
    assert case.state == "decision_department"
    for hit in unreviewed_hits(case.reference):
        review_hit(hit, handler, "false_positive", "Naamgenoot.")
    fire(case, "grant", handler)
    assert case.state == "granted"


def test_the_case_page_links_to_the_hits(client, demo_list, applicant, handler):
    case = apply_for_licence(applicant, data=application_data(end_user_name=LISTED, end_user_country="RU"))
    client.force_login(handler)
    page = client.get(case.get_absolute_url()).content.decode()
    hit = unreviewed_hits(case.reference).first()
    assert reverse("strategic_goods:hit", args=[hit.pk]) in page
    assert reverse("strategic_goods:subject", args=[case.reference]) in page


# --- the eight criteria -----------------------------------------------------------------------


def test_a_proposal_needs_all_eight_findings(applicant, handler):
    case = apply_for_licence(applicant)
    fire(case, "declare_complete", handler)
    work.add_note(handler, case, "Beoordeling", internal=True)
    for number in range(1, 8):
        record_finding(handler, case, number, "no_concern", "Geen bezwaar.")
    with pytest.raises(ValidationError, match="8\\)"):
        engine.fire(case, "propose_department_decision", handler)
    assert case.state == "under_assessment"
    record_finding(handler, case, 8, "no_concern", "Geen bezwaar.")
    engine.fire(case, "propose_department_decision", handler)
    assert case.state == "decision_department"


def test_a_negative_finding_on_criterion_2_forces_a_refusal(applicant, handler):
    case = to_decision(apply_for_licence(applicant), handler, negative=(2,))
    for name in ("grant", "grant_with_conditions"):
        with pytest.raises(ValidationError, match="Criterium 2"):
            fire(case, name, handler)
    case.refresh_from_db()
    assert case.state == "decision_department"
    fire(case, "refuse", handler, reason="Duidelijk risico op interne repressie.")
    assert case.state == "refused"
    denial = DenialNotification.objects.get(case=case)
    assert (denial.destination_country, denial.control_list_codes) == ("CA", ["6A003"])


def test_negative_on_criteria_5_to_8_warns_but_does_not_block(client, applicant, handler):
    case = to_decision(apply_for_licence(applicant), handler, negative=(7,))
    client.force_login(handler)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Criteria 7" in page and "criteria-blocking" not in page
    fire(case, "grant", handler)
    assert case.state == "granted"


def test_findings_are_for_handlers_with_a_motivation(applicant, handler):
    case = apply_for_licence(applicant)
    with pytest.raises(PermissionDenied):
        record_finding(applicant, case, 2, "negative", "Nee.")
    with pytest.raises(ValidationError):
        record_finding(handler, case, 2, "negative", "  ")
    with pytest.raises(ValidationError):
        record_finding(handler, case, 9, "negative", "Reden")
    assert not CriterionFinding.objects.exists()
    record_finding(handler, case, 2, "concern", "Eerst bezorgd.")
    record_finding(handler, case, 2, "no_concern", "Toch niet.")
    assert CriterionFinding.objects.get().finding == "no_concern"


def test_a_handler_records_a_finding_on_the_case_page(client, applicant, handler):
    case = apply_for_licence(applicant)
    client.force_login(handler)
    response = client.post(
        reverse("strategic_goods:finding", args=[case.reference]),
        {"criterion": "2", "finding": "negative", "motivation": "Risico op repressie.", "revisions": "2:0"},
    )
    assert response.status_code == 302
    assert CriterionFinding.objects.get(case=case).finding == "negative"
    client.post(
        reverse("strategic_goods:finding", args=[case.reference]),
        {"criterion": "3", "finding": "negative", "revisions": "3:0"},
    )
    assert CriterionFinding.objects.count() == 1


def seen_revisions(client, case) -> str:
    """The revisions the finding form carries on the case page, as a browser would send them."""
    page = client.get(case.get_absolute_url()).content.decode()
    form = re.search(r'<form[^>]*id="finding-form".*?</form>', page, re.S).group(0)
    return re.search(r'name="revisions" value="([^"]*)"', form).group(1)


def test_a_stale_finding_form_is_refused_and_changes_nothing(client, applicant, handler):
    """Two handlers have the file open; the second to record a finding on a criterion would silently
    replace the first one's negative finding (issue 13)."""
    case = apply_for_licence(applicant)
    url = reverse("strategic_goods:finding", args=[case.reference])
    client.force_login(handler)
    seen = seen_revisions(client, case)
    assert seen == "1:0 2:0 3:0 4:0 5:0 6:0 7:0 8:0"
    client.post(url, {"criterion": "2", "finding": "negative", "motivation": "Risico op repressie.", "revisions": seen})
    stale = {"criterion": "2", "finding": "no_concern", "motivation": "Geen bezwaar.", "revisions": seen}
    page = client.get(client.post(url, stale)["Location"]).content.decode()
    assert "Iemand anders heeft intussen een bevinding over dit criterium vastgelegd" in page
    finding = CriterionFinding.objects.get(case=case)
    assert (finding.finding, finding.motivation, finding.revision) == ("negative", "Risico op repressie.", 1)
    # Another criterion is no conflict: the form's revision of criterion 3 is still the current one.
    client.post(url, {"criterion": "3", "finding": "concern", "motivation": "Na te gaan.", "revisions": seen})
    assert CriterionFinding.objects.count() == 2
    with pytest.raises(ValidationError) as refused:
        record_finding(handler, case, 2, "no_concern", "x", expected_revision=0)
    assert refused.value.code == "conflict"
    assert CriterionFinding.objects.get(case=case, criterion=2).finding == "negative"
    client.post(url, {**stale, "revisions": seen_revisions(client, case)})
    assert CriterionFinding.objects.get(case=case, criterion=2).revision == 2


# --- denial notifications ---------------------------------------------------------------------


def test_a_later_identical_transaction_is_flagged(client, applicant, handler):
    refused = to_decision(apply_for_licence(applicant), handler, negative=(2,))
    fire(refused, "refuse", handler)
    same = apply_for_licence(applicant, data=application_data(goods_lines=[*line(control_list_code="6A002"), *line()]))
    elsewhere = apply_for_licence(applicant, data=application_data(destination_country="JP"))
    other_goods = apply_for_licence(applicant, data=application_data(goods_lines=line(control_list_code="6A002")))
    assert [d.case for d in earlier_denials(same)] == [refused]
    assert earlier_denials(elsewhere) == [] and earlier_denials(other_goods) == []
    assert flagged([same, elsewhere, other_goods, refused]) == {same.reference}
    client.force_login(handler)
    assert 'id="denial-flag"' in client.get(same.get_absolute_url()).content.decode()
    assert 'id="denial-flag"' not in client.get(elsewhere.get_absolute_url()).content.decode()
    inbox = client.get(reverse("procedures:inbox") + "?tab=unassigned").content.decode()
    row = inbox[inbox.index(same.reference) :][:400]
    assert "status--off-track" in row


# --- what the applicant sees ------------------------------------------------------------------


def test_the_applicant_sees_the_application_but_never_findings_or_hits(client, demo_list, applicant, handler):
    case = apply_for_licence(applicant, data=application_data(end_user_name=LISTED, end_user_country="RU"))
    record_finding(handler, case, 2, "negative", "GEHEIME MOTIVERING")
    client.force_login(applicant)
    page = client.get(reverse("counter:case", args=[case.reference])).content.decode()
    assert "6A003" in page and 'id="goods-lines"' in page
    for secret in ("GEHEIME MOTIVERING", "criteria-findings", "SOKOLOVSKY", "strategische-goederen/treffers"):
        assert secret not in page
    assert client.post(
        reverse("strategic_goods:finding", args=[case.reference]),
        {"criterion": "1", "finding": "negative", "motivation": "x"},
    ).status_code in (403, 404)
    assert CriterionFinding.objects.count() == 1
    client.force_login(handler)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "GEHEIME MOTIVERING" in page and "criteria-findings" in page


def test_a_civil_servant_who_may_not_see_the_file_gets_404(client, demo_list, applicant, handler, org):
    case = apply_for_licence(applicant, data=application_data(end_user_name=LISTED, end_user_country="RU"))
    hit = unreviewed_hits(case.reference).first()
    outsider = org.users["civil_servant"]  # another department
    assert not case.is_visible_to(outsider)
    client.force_login(outsider)
    assert client.get(reverse("strategic_goods:hit", args=[hit.pk])).status_code == 404
    assert client.get(reverse("strategic_goods:subject", args=[case.reference])).status_code == 404
    response = client.post(
        reverse("strategic_goods:finding", args=[case.reference]),
        {"criterion": "1", "finding": "negative", "motivation": "x"},
    )
    assert response.status_code == 404 and not CriterionFinding.objects.exists()
    client.force_login(handler)
    page = client.get(reverse("strategic_goods:hit", args=[hit.pk])).content.decode()
    assert case.get_absolute_url() in page
