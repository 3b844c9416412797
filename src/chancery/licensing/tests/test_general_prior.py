"""General licences (EU001–EU008, the Flemish general transfer licences): registration before
first use and periodic reports; prior authorisations and their validity."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from chancery.core.models import AuditEntry
from chancery.licensing import rules
from chancery.licensing.demo.licence_files import enterprise_number
from chancery.licensing.models import GeneralLicenceRegistration, GeneralLicenceReport, PriorAuthorisation
from chancery.licensing.services import general, prior
from chancery.licensing.testing import authorise
from chancery.licensing.tests.conftest import application
from chancery.procedures.models import Case, Party
from chancery.procedures.testing import PARTY, apply_for_licence, represent
from chancery.strategic_goods.models import Application

TODAY = timezone.localdate


def test_general_licences_are_data_with_sources():
    codes = [g.code for g in rules.GENERAL_LICENCES]
    assert codes[:8] == [f"EU00{i}" for i in range(1, 9)]
    assert [g.section for g in rules.GENERAL_LICENCES[:8]] == list("ABCDEFGH")
    assert len([g for g in rules.GENERAL_LICENCES if g.goods_family == "military"]) == 5
    assert all(g.source and g.title for g in rules.GENERAL_LICENCES)


def test_registration_before_first_use_is_audited_and_once(applicant):
    registration = general.register(applicant, party=PARTY, general_licence="EU001", first_use_on=TODAY())
    assert registration.party.registration_number == "0123.456.749"
    assert AuditEntry.objects.filter(content_type__model="generallicenceregistration", action="create").count() == 1
    with pytest.raises(ValidationError):
        general.register(applicant, party=PARTY, general_licence="EU001", first_use_on=TODAY())
    with pytest.raises(ValidationError):
        general.register(applicant, party=PARTY, general_licence="EU009", first_use_on=TODAY())
    with pytest.raises(ValidationError):
        general.register(
            applicant, party=PARTY, general_licence="EU002", first_use_on=TODAY() - datetime.timedelta(days=1)
        )
    with pytest.raises(ValidationError):
        general.register(
            applicant, party={**PARTY, "registration_number": "0123.456.789"}, general_licence="EU003",
            first_use_on=TODAY(),
        )  # fmt: skip
    assert GeneralLicenceRegistration.objects.count() == 1


def test_periodic_reports_and_their_refusals(applicant, other_applicant, handler):
    authorise(handler)  # a general transfer licence is used with a prior authorisation
    registration = general.register(applicant, party=PARTY, general_licence="VL-AT3", first_use_on=TODAY())
    # Registered today: the first report covers the last days, checked like every report.
    end = TODAY() - datetime.timedelta(days=5)
    start = end - datetime.timedelta(days=5)
    registration.registered_at -= datetime.timedelta(days=30)
    registration.first_use_on -= datetime.timedelta(days=30)
    registration.save()
    row = general.report(applicant, registration, period_start=start, period_end=end, shipments=3,
                         value_eur="12500.00", destination_countries="fr, de")  # fmt: skip
    assert row.destination_countries == "FR,DE" and row.value_eur == Decimal("12500.00")
    before = (GeneralLicenceReport.objects.count(), AuditEntry.objects.count())
    bad = [
        {"period_start": start, "period_end": end},  # overlaps
        {"period_start": end, "period_end": start - datetime.timedelta(days=30)},
        {"shipments": -1},
        {"value_eur": "-1"},
        {"destination_countries": "Frankrijk"},
        {"period_end": TODAY() + datetime.timedelta(days=1)},
        {"period_start": TODAY() - datetime.timedelta(days=90), "period_end": TODAY() - datetime.timedelta(days=80)},
    ]
    good = {"period_start": end + datetime.timedelta(days=1), "period_end": TODAY(), "shipments": 1, "value_eur": "10"}
    for changes in bad:
        values = {"period_start": end + datetime.timedelta(days=1), "period_end": TODAY(),
                  "shipments": 1, "value_eur": "10", "destination_countries": ""}  # fmt: skip
        with pytest.raises(ValidationError):
            general.report(applicant, registration, **{**values, **changes})
    with pytest.raises(PermissionDenied):
        general.report(other_applicant, registration, period_start=start, period_end=end, shipments=1, value_eur="1")
    assert (GeneralLicenceReport.objects.count(), AuditEntry.objects.count()) == before
    general.report(applicant, registration, **good)  # the base of the refusals above was itself valid
    assert list(general.visible_registrations(handler)) == [registration]
    assert not general.visible_registrations(other_applicant).exists()


def test_prior_authorisation_validity(handler, applicant):
    party = Party.objects.create(kind="organisation", name="Kempen Aerospace BV", registration_number="0712.398.703")
    day = datetime.date(2026, 3, 1)
    assert not prior.has_prior_authorisation(party, day)
    prior.record(handler, party=party, kind="prior_authorisation", number="VM-2026-001",
                 valid_from=datetime.date(2026, 1, 1), valid_until=datetime.date(2026, 12, 31))  # fmt: skip
    assert prior.has_prior_authorisation(party, day)
    assert not prior.has_prior_authorisation(party, datetime.date(2027, 1, 1))
    assert not prior.has_prior_authorisation(party, datetime.date(2025, 12, 31))
    with pytest.raises(PermissionDenied):
        prior.record(applicant, party=party, kind="certified_person", number="GC-1",
                     valid_from=day, valid_until=day)  # fmt: skip
    with pytest.raises(ValidationError):
        prior.record(handler, party=party, kind="certified_person", number="GC-1",
                     valid_from=day, valid_until=day - datetime.timedelta(days=1))  # fmt: skip
    with pytest.raises(ValidationError):
        prior.record(handler, party=party, kind="prior_authorisation", number="VM-2026-001",
                     valid_from=day, valid_until=day)  # fmt: skip
    assert PriorAuthorisation.objects.count() == 1


def test_a_general_transfer_licence_is_used_only_with_a_prior_authorisation(applicant, handler):
    with pytest.raises(ValidationError) as refused:
        general.register(applicant, party=PARTY, general_licence="VL-AT1", first_use_on=TODAY())
    assert "voorafgaande machtiging" in " ".join(refused.value.messages)
    assert not GeneralLicenceRegistration.objects.exists() and Party.objects.count() == 1  # the represented one
    # Valid today but not on the planned first use a year from now: still refused.
    authorise(handler)
    with pytest.raises(ValidationError):
        general.register(applicant, party=PARTY, general_licence="VL-AT1",
                         first_use_on=TODAY() + datetime.timedelta(days=365))  # fmt: skip
    assert general.register(applicant, party=PARTY, general_licence="VL-AT1", first_use_on=TODAY())
    # The EU general export authorisations (dual use) need none.
    other = {**PARTY, "registration_number": enterprise_number(9_999_999), "name": "Invoer NV"}
    represent(applicant, handler, other)
    assert general.register(applicant, party=other, general_licence="EU001", first_use_on=TODAY())


@pytest.mark.parametrize(
    "code, countries, message",
    [
        # Countries by their names, as the applicant chose them (issue 14), sorted as read.
        (
            "EU001",
            "CA,IN",
            "EU001 dekt alleen uitvoer naar Australië, Canada, IJsland, Japan, Liechtenstein, "
            "Nieuw-Zeeland, Noorwegen, Verenigd Koninkrijk, Verenigde Staten van Amerika, Zwitserland, niet naar India",
        ),
        ("EU003", "FR", "EU003 dekt uitvoer uit de EU; Frankrijk is een lidstaat"),
        ("VL-AT3", "US", "VL-AT3 dekt overbrengingen naar een andere lidstaat van de EU, niet naar Verenigde Staten"),
        ("VL-AT3", "BE", "niet naar België"),
    ],
)
def test_a_report_names_only_destinations_the_general_licence_covers(applicant, handler, code, countries, message):
    authorise(handler)
    registration = general.register(applicant, party=PARTY, general_licence=code, first_use_on=TODAY())
    registration.registered_at -= datetime.timedelta(days=30)
    registration.save()
    end = TODAY() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        general.report(applicant, registration, period_start=end - datetime.timedelta(days=9), period_end=end,
                       shipments=1, value_eur="100.00", destination_countries=countries)  # fmt: skip
    assert message in " ".join(refused.value.messages)
    assert not GeneralLicenceReport.objects.exists()


def test_military_goods_are_filed_only_with_a_prior_authorisation(applicant, handler, team):
    assert apply_for_licence(applicant).state == "submitted"  # dual use: none needed
    military = application(goods_family="military", control_list_code="ML10")
    cases_before = Case.objects.count()
    with pytest.raises(ValidationError) as refused:
        apply_for_licence(applicant, data=military)
    assert "voorafgaande machtiging" in " ".join(refused.value.messages)
    assert Case.objects.count() == cases_before and not Application.objects.filter(goods_family="military").exists()
    # A temporary export (the goods come back) needs none.
    temporary = {"application": {**military["application"], "temporary": True}}
    assert apply_for_licence(applicant, data=temporary).strategic_application.temporary is True
    # Expired yesterday: still refused; valid today (a certificate will do): filed.
    party = Party.objects.get(registration_number=PARTY["registration_number"])
    prior.record(handler, party=party, kind="prior_authorisation", number="VM-OLD",
                 valid_from=TODAY() - datetime.timedelta(days=400),
                 valid_until=TODAY() - datetime.timedelta(days=1))  # fmt: skip
    with pytest.raises(ValidationError):
        apply_for_licence(applicant, data=military)
    prior.record(handler, party=party, kind="certified_person", number="GC-7", valid_from=TODAY(), valid_until=TODAY())
    case = apply_for_licence(applicant, data=military)
    assert case.state == "submitted" and case.strategic_application.goods_family == "military"
    # Import needs none (fdfa.be node/2743), whoever files it.
    other = {**PARTY, "registration_number": enterprise_number(9_999_999), "name": "Invoer NV"}
    represent(applicant, handler, other)
    imported = apply_for_licence(
        applicant, party=other, data=application(goods_family="military", control_list_code="ML10", kind="import")
    )
    assert imported.state == "submitted"
