"""The subject-access export (GDPR art. 15) and pseudonymisation (art. 17) across the modules,
driven by what each module declares in the register of processing (core.personal_data)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from chancery.core import personal_data
from chancery.core.models import AuditAction, AuditEntry
from chancery.disaster_fund.models import DamageReport
from chancery.disaster_fund.services import events
from chancery.privacy.models import RequestKind, SubjectRequest
from chancery.privacy.services import subjects
from chancery.procedures.models import Party
from chancery.regulation.models import FeedbackSignal

MODULES = {
    "core.accounts",
    "procedures.counter",
    "licensing.licences",
    "disaster_fund.claims",
    "grants.applications",
    "regulation.feedback",
}


def _records(export) -> dict[str, list[dict]]:
    return {a["code"]: a["records"] for a in export["activities"]}


def _text(export) -> str:
    return json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False)


def test_every_module_declares_its_processing():
    declared = {a.code for a in personal_data.activities()}
    assert MODULES <= declared
    for activity in personal_data.activities():
        assert activity.purpose and activity.legal_basis and activity.retention and activity.security
        assert activity.subjects and activity.categories and activity.recipients and activity.holdings


def test_the_identifier_is_read_as_email_number_or_name():
    assert subjects.read_query(" Anna@Example.be ").kind == personal_data.EMAIL
    assert subjects.read_query("85.07.30-033.61") == subjects.Query(personal_data.NATIONAL_NUMBER, "85073003361")
    assert subjects.read_query("anna  vermeersch").value == "anna vermeersch"
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        subjects.read_query("12345")
    assert "11 cijfers" in refused.value.messages[0]
    for wrong in ("", "x", "anna@", "@example.be"):
        with pytest.raises(ValidationError):
            subjects.read_query(wrong)


def test_the_person_is_found_in_every_module_by_email(world):
    export = subjects.subject_access(world.dpo, world.anna.email)
    records = _records(export)
    assert set(records) == MODULES
    models_found = {r["model"] for rs in records.values() for r in rs}
    assert {"core.User", "procedures.Party", "procedures.Case", "disaster_fund.DamageReport",
            "grants.Application", "regulation.FeedbackSignal"} <= models_found  # fmt: skip
    cases = {r["data"]["procedure"] for rs in records.values() for r in rs if r["model"] == "procedures.Case"}
    assert cases == {"CSG", "RF", "SUB", "MRP"}
    # The damage report was found through the account that made it.
    (report,) = [r for r in records["disaster_fund.claims"] if r["model"] == "disaster_fund.DamageReport"]
    assert report["data"]["reporter_id"] == world.anna.national_number


def test_nothing_of_another_person_leaks_into_the_export(world):
    for query in (world.anna.email, world.anna.name.upper(), world.anna.national_number):
        text = _text(subjects.subject_access(world.dpo, query))
        for trace in world.bart.traces:
            assert trace not in text, (query, trace)
        assert world.bart.user.username not in text
    # By name: the same rows as by e-mail, other than those only an e-mail finds.
    by_name = _records(subjects.subject_access(world.dpo, "anna vermeersch"))
    assert {"core.accounts", "procedures.counter", "disaster_fund.claims", "grants.applications",
            "regulation.feedback"} <= set(by_name)  # fmt: skip
    # A part of a name finds nobody (a name is matched whole).
    assert _records(subjects.subject_access(world.dpo, "Anna")) == {}


def test_by_national_number_the_damage_report_is_found(world):
    export = subjects.subject_access(world.dpo, "85.07.30-033.61")
    (records,) = _records(export).values()
    assert [r["model"] for r in records] == ["disaster_fund.DamageReport"]


def test_the_export_is_recorded_and_audited_without_its_content(world):
    export = subjects.subject_access(world.dpo, world.anna.email)
    request = SubjectRequest.objects.get(pk=export["request"])
    assert request.kind == RequestKind.ACCESS and request.made_by == world.dpo and request.found > 5
    entry = AuditEntry.objects.for_object(request).get()
    assert entry.action == AuditAction.CREATE and entry.actor == world.dpo
    recorded = json.dumps([entry.before, entry.after, entry.reason, entry.object_label])
    for trace in world.anna.traces:
        assert trace not in recorded


def test_only_the_data_protection_officer_handles_requests(world, org):
    for user in (org.users["civil_servant"], org.users["secretariat"], world.anna.user):
        with pytest.raises(PermissionDenied):
            subjects.subject_access(user, world.anna.email)
        with pytest.raises(PermissionDenied):
            subjects.pseudonymise(user, world.anna.email)
    assert not SubjectRequest.objects.exists()
    subjects.subject_access(org.users["admin"], world.anna.email)


def test_erasure_pseudonymises_what_the_law_allows_and_says_why_the_rest_is_kept(world):
    signal = FeedbackSignal.objects.get(email=world.anna.email)
    with translation.override("nl"):
        result = subjects.pseudonymise(world.dpo, world.anna.email)
    pseudonym = result.request.pseudonym
    assert pseudonym.startswith("psn-")
    # The feedback signal: contact details replaced by the pseudonym, the text as sent masked.
    signal.refresh_from_db()
    assert signal.name == pseudonym and signal.email == f"{pseudonym}@pseudoniem.invalid"
    assert "0475" not in signal.text and "[telefoonnummer verwijderd]" in signal.text
    assert [c["model"] for c in result.changed] == ["regulation.FeedbackSignal"]
    # Kept by law, with the reason in Dutch: the account (active), the party and its files, the
    # open damage report, the grant application.
    reasons = {k["model"]: k["reason"] for k in result.kept}
    assert "Archiefdecreet" in reasons["partij"]
    assert "actief account" in reasons["gebruiker"]
    assert "erkenning van de ramp" in reasons["schademelding"]
    assert "2021/821" in " ".join(reasons.values())
    # Nothing of what is kept changed; nothing of Bart changed.
    assert Party.objects.filter(name=world.anna.name).count() == 4
    assert FeedbackSignal.objects.get(email=world.bart.email).name == world.bart.name
    assert DamageReport.objects.get(reporter_id=world.anna.national_number).reporter_name == world.anna.name
    # The e-mail address no longer finds the signal; asked again, the same pseudonym.
    again = subjects.subject_access(world.dpo, world.anna.email)
    assert "regulation.feedback" not in _records(again) and again["pseudonym"] == pseudonym


def test_erasure_is_audited_without_the_erased_data(world):
    result = subjects.pseudonymise(world.dpo, world.anna.email)
    signal = FeedbackSignal.objects.get(pk=int(result.changed[0]["reference"][1:]))
    (entry,) = AuditEntry.objects.for_object(signal).filter(action=AuditAction.UPDATE)
    assert entry.after["pseudonymised"] == ["name", "email", "text"]
    recorded = json.dumps([entry.before, entry.after, entry.reason, entry.object_label])
    for trace in (*world.anna.traces, "0475 12 34 56"):
        assert trace not in recorded
    request_entry = AuditEntry.objects.for_object(result.request).get()
    assert request_entry.action == AuditAction.UPDATE and request_entry.after["changed"] == 1
    assert world.anna.email not in json.dumps(request_entry.after)


def test_erasure_is_refused_where_the_law_keeps_everything(world):
    with translation.override("nl"):
        result = subjects.pseudonymise(world.dpo, world.anna.national_number)
    assert result.changed == [] and len(result.kept) == 1
    assert "Rampenfonds" in result.kept[0]["reason"] or "rampenfonds" in result.kept[0]["reason"]
    assert DamageReport.objects.get(reporter_id=world.anna.national_number).reporter_name == world.anna.name
    entry = AuditEntry.objects.for_object(result.request).get()
    assert entry.action == AuditAction.REFUSAL


def test_a_closed_damage_report_is_pseudonymised(world):
    events.close_reports(world.fund, world.flood, "Geen erkenning.")
    result = subjects.pseudonymise(world.dpo, "85.07.30-033.61")
    report = DamageReport.objects.get(pk=int(result.changed[0]["reference"][1:]))
    assert report.reporter_name == report.reporter_id == report.address == result.request.pseudonym
    assert DamageReport.objects.filter(reporter_name=world.bart.name).exists()


def test_nobody_found_nothing_changed_in_dutch(world):
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        subjects.pseudonymise(world.dpo, "niemand@example.be")
    assert "niets gewijzigd" in refused.value.messages[0]
    assert not SubjectRequest.objects.exists()


def test_the_command_exports_as_json_and_as_text(world):
    out = io.StringIO()
    call_command("subject-access", world.anna.email, "--json", stdout=out)
    export = json.loads(out.getvalue())
    assert set(_records(export)) == MODULES
    assert world.bart.email not in out.getvalue()
    request = SubjectRequest.objects.get(pk=export["request"])
    assert request.made_by is None and AuditEntry.objects.for_object(request).get().source == "command"
    text = io.StringIO()
    call_command("subject-access", world.anna.name, stdout=text)
    assert "Anna Vermeersch" in text.getvalue() and "Bart" not in text.getvalue()


def test_the_command_refuses_a_bad_identifier(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as refused:
        call_command("subject-access", "1")
    assert refused.value.returncode == 2


def test_every_declared_field_has_a_label_of_its_own():
    """The pages and the export show labels: a field without a verbose name (Django then makes one of
    the column name, a plain string, not a translatable one) would show "submitted at" in English."""
    from django.apps import apps
    from django.utils.functional import Promise

    for activity in personal_data.activities():
        for holding in activity.holdings:
            model = apps.get_model(holding.model)
            for name in holding.fields:
                translatable = isinstance(model._meta.get_field(name).verbose_name, Promise)
                assert translatable or name in holding.labels, (holding.model, name)
