"""The register and decision-making: the guard before a draft regulation's final approval, the
entry that approval creates or updates, its ELI from the Gazette; calculations stored whole or not
at all; delta and totals; who may do and see what."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from chancery.core.models import AuditEntry
from chancery.decisions import services as decisions
from chancery.decisions.models import Decision, Theme
from chancery.decisions.testing import release
from chancery.regulation.models import AdministrativeActivity, BurdenCalculation, Regulation
from chancery.regulation.services import burden, register
from chancery.regulation.testing import final_approval, obligations

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(org):
    return org.users["secretariat"]


def test_a_draft_regulation_is_not_finally_approved_without_its_ex_ante_calculation(org, secretariat):
    dossier, item = final_approval(org)
    register.start_draft(org.users["cabinet_concerned"], dossier, kind="decree", title="Decreet X")
    with pytest.raises(ValidationError) as refused:
        decisions.record_decision(secretariat, item, result="approved", text="Goedgekeurd")
    assert refused.value.code == "ex_ante_missing"
    assert "ex-ante" in refused.value.messages[0]
    assert not Decision.objects.exists() and not Regulation.objects.exists()


def test_postponing_needs_no_calculation_and_registers_nothing(org, secretariat):
    dossier, item = final_approval(org)
    register.start_draft(secretariat, dossier, kind="decree", title="Decreet X")
    decisions.record_decision(secretariat, item, result="postponed")
    assert not Regulation.objects.exists()


def test_a_dossier_that_prepares_no_regulation_is_approved_as_before(org, secretariat):
    _dossier, item = final_approval(org)
    decisions.record_decision(secretariat, item, result="approved")
    assert not Regulation.objects.exists()


def test_the_final_approval_enters_the_regulation_in_the_register(org, secretariat):
    dossier, item = final_approval(org)
    theme = Theme.objects.order_by("pk").first()
    draft = register.start_draft(
        org.users["cabinet_concerned"], dossier, kind="government_decision", title="Besluit Y", policy_domain=theme
    )
    calculation = register.record_calculation(
        org.users["cabinet_concerned"],
        title="Ex ante",
        reference_date=datetime.date(2026, 1, 1),
        obligations=obligations(),
        draft=draft,
    )
    decisions.record_decision(secretariat, item, result="approved", text="Goedgekeurd")
    regulation = Regulation.objects.get()
    assert (regulation.dossier, regulation.kind, regulation.title) == (dossier, "government_decision", "Besluit Y")
    assert regulation.date == decisions.outcomes.meeting_day(item.agenda.meeting)
    assert regulation.policy_domain == theme
    calculation.refresh_from_db()
    assert calculation.regulation == regulation
    assert AuditEntry.objects.filter(object_id=str(regulation.pk), action="create").exists()
    # A correction (approved again) updates the same entry.
    draft.title = "Besluit Y (gecorrigeerd)"
    draft.save()
    decisions.correct_decision(secretariat, item, result="approved", text="Goedgekeurd", reason="Titel")
    regulation.refresh_from_db()
    assert Regulation.objects.count() == 1
    assert (regulation.title, regulation.revision) == ("Besluit Y (gecorrigeerd)", 2)


def test_a_regulation_from_a_dossier_is_public_once_the_decision_is_released(org, secretariat, client):
    dossier, item = final_approval(org)
    draft = register.start_draft(secretariat, dossier, kind="decree", title="Decreet Z")
    register.record_calculation(
        secretariat, title="Ex ante", reference_date=datetime.date(2026, 1, 1), obligations=obligations(), draft=draft
    )
    decisions.record_decision(secretariat, item, result="approved")
    regulation = Regulation.objects.get()
    anonymous = client.get(regulation.get_absolute_url())
    assert anonymous.status_code == 404  # under embargo
    assert not Regulation.objects.visible_to(org.users["applicant"]).exists()
    assert Regulation.objects.visible_to(secretariat).exists()
    decisions.close_meeting(secretariat, item.agenda.meeting)
    release(secretariat, item.agenda.meeting)
    assert client.get(regulation.get_absolute_url()).status_code == 200
    assert BurdenCalculation.objects.visible_to(org.users["applicant"]).count() == 1


def test_the_gazette_publication_gives_numac_and_eli(org, secretariat):
    dossier, item = final_approval(org)
    draft = register.start_draft(secretariat, dossier, kind="decree", title="Decreet P")
    register.record_calculation(
        secretariat, title="Ex ante", reference_date=datetime.date(2026, 1, 1), obligations=obligations(), draft=draft
    )
    decisions.record_decision(secretariat, item, result="approved")
    publication = decisions.start_publication(secretariat, item, regulation_type="decree")
    for step in ("translation_requested", "translation_received", "proof_requested", "proof_received"):
        publication = decisions.record_step(secretariat, publication, step)
    publication = decisions.record_step(
        secretariat, publication, "publication_requested", planned_date=datetime.date.today()
    )
    decisions.record_step(secretariat, publication, "published", numac="2026012345")
    regulation = Regulation.objects.get()
    day = regulation.date
    assert regulation.numac == "2026012345"
    assert regulation.eli == f"http://www.ejustice.just.fgov.be/eli/decreet/{day:%Y/%m/%d}/2026012345"


def test_a_calculation_with_a_bad_figure_stores_nothing(org, secretariat):
    regulation = register.register_regulation(secretariat, kind="decree", title="D", date=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError):
        register.record_calculation(
            secretariat,
            title="Te fijn",
            reference_date=datetime.date(2026, 1, 1),
            obligations=obligations(population="10.123456"),  # more decimals than the register keeps
            regulation=regulation,
        )
    with pytest.raises(ValidationError):
        register.record_calculation(
            secretariat,
            title="Negatief",
            reference_date=datetime.date(2026, 1, 1),
            obligations=burden.parse_json('{"obligations": [{"name": "o", "activities": [{"population": -1}]}]}'),
            regulation=regulation,
        )
    assert not BurdenCalculation.objects.exists() and not AdministrativeActivity.objects.exists()


def test_the_database_refuses_a_share_outside_0_1(org, secretariat):
    regulation = register.register_regulation(secretariat, kind="decree", title="D", date=datetime.date(2020, 1, 1))
    calculation = register.record_calculation(
        secretariat,
        title="C",
        reference_date=datetime.date(2026, 1, 1),
        obligations=obligations(),
        regulation=regulation,
    )
    activity = AdministrativeActivity.objects.get(obligation__calculation=calculation)
    activity.business_as_usual_share = Decimal("1.5")
    with pytest.raises(IntegrityError), transaction.atomic():
        activity.save()


def test_stored_figures_come_back_exactly(org, secretariat):
    regulation = register.register_regulation(secretariat, kind="decree", title="D", date=datetime.date(2020, 1, 1))
    read = obligations(population="1234567890.1234", bau="0.333333")
    calculation = register.record_calculation(
        secretariat, title="C", reference_date=datetime.date(2026, 1, 1), obligations=read, regulation=regulation
    )
    stored = register.figures(BurdenCalculation.objects.get(pk=calculation.pk))
    assert stored.as_json() == burden.compute(read).as_json()


def test_an_activity_may_take_the_tariff_of_its_target_group_on_the_reference_date():
    text = (
        '{"obligations": [{"name": "o", "activities": [{"name": "a", "target_group": "citizens", "time_hours": 2,'
        ' "out_of_pocket_eur": 0, "population": 100, "frequency_per_year": 1, "business_as_usual_share": 0,'
        ' "one_off": false}]}]}'
    )
    (obligation,) = burden.parse_json(text, tariffs_on=datetime.date(2025, 3, 1))
    assert obligation.activities[0].tariff_eur_per_hour == Decimal("15.00")
    assert "burgers" in obligation.activities[0].tariff_source
    with pytest.raises(ValidationError):  # the command names its tariffs
        burden.parse_json(text)


def test_the_delta_of_a_draft_against_the_regulation_it_amends(org, secretariat):
    old = register.register_regulation(secretariat, kind="decree", title="Oud", date=datetime.date(2015, 1, 1))
    register.record_calculation(
        secretariat, title="Meting", reference_date=datetime.date(2024, 1, 1), obligations=obligations(), regulation=old
    )
    dossier, _item = final_approval(org)
    draft = register.start_draft(secretariat, dossier, kind="decree", title="Wijziging", amends=old)
    ex_ante = register.record_calculation(
        secretariat,
        title="Ex ante",
        reference_date=datetime.date(2026, 1, 1),
        obligations=obligations(population="800"),
        draft=draft,
    )
    delta = register.delta(ex_ante, secretariat)
    # Before: 2.5 × 54 × 1,200 = 162,000.00, burden 121,500.00; after: 108,000.00 and 81,000.00.
    assert delta.before.administrative_burden == Decimal("121500.00")
    assert delta.after.administrative_burden == Decimal("81000.00")
    assert delta.change.administrative_burden == Decimal("-40500.00")
    assert delta.change.administrative_cost == Decimal("-54000.00")


def test_totals_per_domain_and_year_are_the_sums_of_the_regulations(org, secretariat):
    themes = list(Theme.objects.order_by("pk")[:2])
    made = []
    for i, (theme, year, population) in enumerate(
        [(themes[0], 2024, "100"), (themes[0], 2025, "333"), (themes[1], 2025, "7")]
    ):
        regulation = register.register_regulation(
            secretariat, kind="decree", title=f"R{i}", date=datetime.date(2020, 1, 1), policy_domain=theme
        )
        register.record_calculation(
            secretariat,
            title="C",
            reference_date=datetime.date(year, 6, 1),
            obligations=obligations(population=population, bau="0.333"),
            regulation=regulation,
        )
        made.append(regulation)
    totals = register.totals(Regulation.objects.select_related("policy_domain"), secretariat)
    parts = totals.per_regulation
    assert totals.per_domain[themes[0].label] == parts[made[0].pk] + parts[made[1].pk]
    assert totals.per_year[2025] == parts[made[1].pk] + parts[made[2].pk]
    assert totals.overall == burden.total(totals.per_domain.values()) == burden.total(totals.per_year.values())


def test_the_text_in_force_on_a_date(secretariat):
    regulation = register.register_regulation(secretariat, kind="decree", title="D", date=datetime.date(2010, 5, 7))
    register.add_version(secretariat, regulation, valid_from=datetime.date(2010, 6, 1), text="eerste")
    register.add_version(secretariat, regulation, valid_from=datetime.date(2018, 1, 1), text="tweede")
    assert regulation.version_on(datetime.date(2010, 5, 31)) is None
    assert regulation.version_on(datetime.date(2017, 12, 31)).text == "eerste"
    assert regulation.version_on(datetime.date(2018, 1, 1)).text == "tweede"
    with pytest.raises(ValidationError):
        register.add_version(secretariat, regulation, valid_from=datetime.date(2018, 1, 1), text="dubbel")


def test_gold_plating_needs_a_reason_for_every_provision(secretariat):
    from chancery.regulation.models import EuAct

    regulation = register.register_regulation(secretariat, kind="decree", title="D", date=datetime.date(2019, 1, 1))
    act = EuAct.objects.create(celex="32018L2001", kind="directive", title="Hernieuwbare energie")
    with pytest.raises(ValidationError):
        register.record_transposition(
            secretariat, regulation, act, gold_plating=[register.Provision("art. 4", "strenger", "")]
        )
    transposition = register.record_transposition(
        secretariat, regulation, act, gold_plating=[register.Provision("art. 4", "strenger", "Vlaams klimaatdoel")]
    )
    assert transposition.gold_plating.get().reason == "Vlaams klimaatdoel"


def test_an_eli_is_unique_and_an_eli(secretariat):
    eli = "http://www.ejustice.just.fgov.be/eli/decreet/2013/03/22/2013035240"
    register.register_regulation(secretariat, kind="decree", title="A", date=datetime.date(2013, 3, 22), eli=eli)
    with pytest.raises(ValidationError):
        register.register_regulation(secretariat, kind="decree", title="B", date=datetime.date(2013, 3, 22), eli=eli)
    with pytest.raises(ValidationError):
        register.register_regulation(
            secretariat, kind="decree", title="C", date=datetime.date(2013, 3, 22), eli="https://example.org/x"
        )


@pytest.mark.parametrize("role", ["applicant", "expert", "minister_concerned"])
def test_only_the_staff_keep_the_register(org, role):
    with pytest.raises(PermissionDenied):
        register.register_regulation(org.users[role], kind="decree", title="D", date=datetime.date(2020, 1, 1))


def test_outsiders_prepare_no_drafts(org):
    dossier, _item = final_approval(org)
    with pytest.raises(PermissionDenied):
        register.start_draft(org.users["applicant"], dossier, kind="decree", title="D")


def test_a_correction_to_approved_is_guarded_too(org, secretariat):
    dossier, item = final_approval(org)
    register.start_draft(secretariat, dossier, kind="decree", title="Decreet C")
    decisions.record_decision(secretariat, item, result="postponed")
    with pytest.raises(ValidationError) as refused:
        decisions.correct_decision(secretariat, item, result="approved", text="Toch goedgekeurd", reason="Vergissing")
    assert refused.value.code == "ex_ante_missing"
    assert Decision.objects.filter(item=item).count() == 1 and not Regulation.objects.exists()
