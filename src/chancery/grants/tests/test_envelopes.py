"""Programmes and their envelopes: the memorandum's figures with their source, and a commitment
above what remains refused with nothing changed."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from chancery.core.models import AuditEntry
from chancery.grants import rules
from chancery.grants.models import Envelope
from chancery.grants.services import programmes


def test_the_memorandum_envelopes_are_configuration_with_their_source():
    by_code = rules.PROGRAMMES_BY_CODE
    assert by_code["mensenrechtenfonds"].yearly_cents == 1_000_000_00
    assert by_code["humanitaire-hulp"].yearly_cents == 5_000_000_00
    assert by_code["oostgrens-oekraine"].yearly_cents == 5_000_000_00
    assert all(plan.source and plan.section for plan in rules.PROGRAMMES)
    assert rules.figure("pass_mark_criterion") == rules.figure("pass_mark_total") == rules.Decimal("0.50")
    assert rules.figure("completion_days") == 7


def test_a_programme_gets_its_envelope_once(grants):
    plan = rules.PROGRAMMES_BY_CODE["humanitaire-hulp"]
    programmes.programme_from_plan(grants, plan, [2026, 2027])
    programmes.programme_from_plan(grants, plan, [2026])
    assert list(Envelope.objects.filter(programme__code=plan.code).values_list("year", "planned_cents")) == [
        (2026, 5_000_000_00), (2027, 5_000_000_00)]  # fmt: skip


def test_no_envelope_outside_the_memorandum_period(grants):
    with pytest.raises(ValidationError, match="2030"):
        programmes.programme_from_plan(grants, rules.PROGRAMMES_BY_CODE["mensenrechtenfonds"], [2030])


def test_a_commitment_up_to_what_remains_and_not_a_cent_more(grants, fund):
    envelope = fund.envelopes.get()
    programmes.commit(grants, envelope, 999_999_00, reason="eerste")
    programmes.commit(grants, envelope, 1_00, reason="de laatste euro")
    audits = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="0.00 EUR"):
        programmes.commit(grants, envelope, 1, reason="één cent te veel")
    envelope.refresh_from_db()
    assert envelope.committed_cents == envelope.planned_cents == 1_000_000_00
    assert AuditEntry.objects.count() == audits


def test_the_database_refuses_an_overcommitted_envelope_too(fund):
    envelope = fund.envelopes.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Envelope.objects.filter(pk=envelope.pk).update(committed_cents=envelope.planned_cents + 1)


def test_secondments_have_no_figure_and_refuse_every_commitment(grants):
    prog = programmes.programme_from_plan(grants, rules.PROGRAMMES_BY_CODE["detacheringen-stages"], [2026])
    with pytest.raises(ValidationError):
        programmes.commit(grants, prog.envelopes.get(), 100, reason="test")
