"""Licences issued on a grant: number, validity, PDF; refusal letter; renewal; use reports."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from chancery.core import signing
from chancery.core.models import AuditEntry
from chancery.core.testing import signing_authority
from chancery.licensing import rules
from chancery.licensing.models import Licence, RefusalLetter, UseReport
from chancery.licensing.services import licences
from chancery.licensing.services.facts import category_of


def pdf_text(document) -> str:
    with document.latest_version.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


def test_grant_issues_a_numbered_licence_valid_three_years(granted, applicant):
    licence = Licence.objects.get(case=granted)
    year = licence.decided_on.year
    assert licence.number == f"VL-{year}-0001"
    assert licence.holder == granted.applicant
    assert (licence.kind, licence.form, licence.goods_family) == ("export", "individual", "dual_use")
    assert licence.valid_from == licence.decided_on
    assert licence.valid_until == licence.decided_on.replace(year=year + 3) - datetime.timedelta(days=1)
    assert licence.validity_verified and "fdfa.be" in licence.validity_source
    assert (licence.destination_country, licence.control_list_code, licence.category) == ("CA", "6A003", "6")
    assert (licence.quantity, licence.value_eur) == (12, Decimal("84000.00"))
    assert AuditEntry.objects.filter(content_type__model="licence", object_id=str(licence.pk), action="create").exists()


def test_licence_pdf_carries_the_number_and_is_on_the_case_for_the_applicant(granted):
    licence = Licence.objects.get(case=granted)
    text = pdf_text(licence.document)
    assert licence.number in text and "CA" in text and "6A003" in text
    link = granted.documents.get(document=licence.document)
    assert link.internal is False
    assert licence.document.latest_version.mime_type == "application/pdf"


def test_numbers_follow_a_yearly_counter(decide, applicant):
    first, second = decide(applicant), decide(applicant)
    numbers = sorted(Licence.objects.values_list("number", flat=True))
    year = timezone.localdate().year
    assert numbers == [f"VL-{year}-0001", f"VL-{year}-0002"]
    assert Licence.objects.get(case=second).number.endswith("0002") and first != second


def test_military_validity_is_marked_to_verify(decide, applicant):
    case = decide(applicant, goods_family="military", control_list_code="ML10.a")
    licence = Licence.objects.get(case=case)
    assert licence.category == "ML10" and licence.validity_verified is False
    assert "TE VERIFIËREN" in licence.validity_source


def test_refusal_writes_a_letter_with_the_motivation(decide, applicant):
    case = decide(applicant, decision="refuse", reason="Duidelijk risico op omleiding (criterium 7).")
    assert not Licence.objects.filter(case=case).exists()
    letter = RefusalLetter.objects.get(case=case)
    assert "criterium 7" in pdf_text(letter.document)
    assert case.documents.filter(document=letter.document, internal=False).exists()


def test_category_of_codes():
    assert [category_of(c) for c in ("ML1", "ML22.b", "3A001.a.1", "0B001", "x")] == ["ML1", "ML22", "3", "0", "?"]


def test_validity_rule_has_source_and_date():
    rule = rules.validity_for("dual_use", "global", datetime.date(2026, 1, 1))
    assert rule.years == 3 and rule.renewal_years == 3 and rule.valid_from <= datetime.date(2026, 1, 1)
    assert rules.validity_for("dual_use", "individual", datetime.date(2020, 1, 1)).verified is False


# --- use reports -------------------------------------------------------------------------------


def report(licence, user, **kwargs):
    values = {"used_on": timezone.localdate(), "quantity": 2, "value_eur": "10000", "destination_country": "CA"}
    return licences.report_use(user, licence, **{**values, **kwargs})


def refused(licence, user, **kwargs):
    before = (UseReport.objects.count(), AuditEntry.objects.count())
    with pytest.raises((ValidationError, PermissionDenied)) as info:
        report(licence, user, **kwargs)
    assert (UseReport.objects.count(), AuditEntry.objects.count()) == before
    return " ".join(getattr(info.value, "messages", [str(info.value)]))


def test_holder_reports_use_and_the_remaining_value_falls(granted, applicant):
    licence = Licence.objects.get(case=granted)
    report(licence, applicant)
    report(licence, applicant, quantity=1, value_eur="4000.50")
    assert licence.remaining_value() == Decimal("69999.50") and licence.remaining_quantity() == 9


def test_use_beyond_the_remaining_value_or_quantity_is_refused(granted, applicant):
    licence = Licence.objects.get(case=granted)
    report(licence, applicant, value_eur="80000")
    assert "4000" in refused(licence, applicant, value_eur="4000.01")
    assert refused(licence, applicant, quantity=11, value_eur="1")
    assert refused(licence, applicant, value_eur="-5")
    assert refused(licence, applicant, destination_country="RU")
    assert refused(licence, applicant, used_on=licence.valid_from - datetime.timedelta(days=1))
    assert refused(licence, applicant, used_on="gisteren")


def test_only_the_holder_reports(granted, handler, other_applicant):
    licence = Licence.objects.get(case=granted)
    refused(licence, handler)
    refused(licence, other_applicant)


# --- renewal -----------------------------------------------------------------------------------


def test_renewal_once_for_the_unused_value(granted, applicant, handler):
    licence = Licence.objects.get(case=granted)
    report(licence, applicant, value_eur="30000")
    until = licence.valid_until
    licences.renew(handler, licence)
    licence.refresh_from_db()
    assert licence.renewed_value_eur == Decimal("54000.00")
    assert licence.valid_until == until.replace(year=until.year + 3)
    assert (
        AuditEntry.objects.filter(content_type__model="licence", object_id=str(licence.pk), action="update").count()
        == 1
    )
    with pytest.raises(ValidationError) as info:
        licences.renew(handler, licence)
    assert "slechts één keer" in " ".join(info.value.messages) or "only once" in " ".join(info.value.messages)
    licence.refresh_from_db()
    assert licence.valid_until == until.replace(year=until.year + 3)


def test_renewal_refused_when_used_in_full_or_by_the_holder(granted, applicant, handler):
    licence = Licence.objects.get(case=granted)
    with pytest.raises(PermissionDenied):
        licences.renew(applicant, licence)
    report(licence, applicant, value_eur="84000", quantity=12)
    with pytest.raises(ValidationError):
        licences.renew(handler, licence)
    licence.refresh_from_db()
    assert licence.renewed_on is None


def test_military_licence_is_not_renewable(decide, applicant, handler):
    licence = Licence.objects.get(case=decide(applicant, goods_family="military", control_list_code="ML15"))
    with pytest.raises(ValidationError):
        licences.renew(handler, licence)


def test_minister_grants_with_conditions(applicant, handler, org):
    from chancery.licensing.tests.conftest import fire
    from chancery.procedures.testing import apply_for_licence, assess

    case = apply_for_licence(applicant)
    fire(case, "declare_complete", handler)
    assess(case, handler)
    fire(case, "refer_to_minister", handler)
    fire(case, "grant_with_conditions", org.users["cabinet_concerned"], reason="Rapportering na elke levering.")
    licence = Licence.objects.get(case=case)
    assert licence.with_conditions and licence.conditions == "Rapportering na elke levering."
    assert "Rapportering na elke levering." in pdf_text(licence.document)
    # Revoking the file ends the licence: no use can be reported on it any more.
    fire(case, "revoke", handler, reason="Embargo.")
    licence.refresh_from_db()
    assert not licence.is_valid_on(licence.valid_from)
    assert refused(licence, applicant)


def test_issued_licence_and_refusal_letter_carry_the_departments_seal(decide, applicant, settings, tmp_path):
    """Issue 13: issued licences are signed too (the organisation's seal, PAdES B-LT)."""
    signing_authority(tmp_path, settings, seal="Departement Kanselarij en Buitenlandse Zaken")
    licence = Licence.objects.get(case=decide(applicant))
    [check] = signing.verify(licence.document.latest_version)
    assert (check.signer, check.valid, check.level) == ("Departement Kanselarij en Buitenlandse Zaken", True, "B-LT")
    letter = RefusalLetter.objects.get(case=decide(applicant, decision="refuse", reason="Risico op omleiding."))
    assert signing.signature_summary(signing.verify(letter.document.latest_version)) == "valid"


def test_refusal_letter_writes_the_code_as_listed_the_country_in_dutch_and_how_to_appeal(decide, applicant):
    """The letter read 'goods with control-list code 5A002.A to JP' and said nothing of an appeal."""
    case = decide(applicant, decision="refuse", reason="Risico op omleiding.", control_list_code="5a002.a",
                  destination_country="CH")  # fmt: skip
    text = " ".join(pdf_text(RefusalLetter.objects.get(case=case).document).split())
    assert "5A002.a" in text and "5A002.A" not in text
    # The Dutch name (django-countries' catalogue): a name both languages share (Japan) hid that it was English.
    assert "Zwitserland" in text and "Switzerland" not in text and " CH" not in text
    assert rules.APPEAL.body in text and f"{rules.APPEAL.term_days} dagen" in text
    assert "te verifiëren" in text  # the appeal's figures are not in the sources read yet
    assert rules.APPEAL.source and rules.APPEAL.valid_from
