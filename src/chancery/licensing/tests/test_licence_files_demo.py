"""The demo files: every state of the strategic-goods procedure, some overdue, loaded once."""

from django.utils import timezone

from chancery.core.models import Role
from chancery.core.testing import make_user
from chancery.licensing.demo.licence_files import archive_missing, enterprise_number, load_demo
from chancery.procedures.models import Case, enterprise_number_is_valid
from chancery.procedures.services import queries
from chancery.strategic_goods.models import Application, DenialNotification, GoodsLine
from chancery.strategic_goods.procedure import STRATEGIC_GOODS


def test_demo_cases_in_every_state_loaded_once(team, org, django_capture_on_commit_callbacks):
    applicant = make_user("aanvrager", Role.APPLICANT)
    handler = make_user("ambtenaar", Role.CIVIL_SERVANT, team)
    make_user("kabinet", Role.CABINET, org.entities["cab_a"])
    with django_capture_on_commit_callbacks(execute=False) as queued:
        added = load_demo()
    # The demo applicant's own files; a service archive of a few hundred from other companies is
    # queued, not made (its sealed PDF letters held up `make run`'s first page)...
    assert added["cases"] >= 30 and added["archive queued"] >= 180
    assert Case.objects.count() == added["cases"]
    # ...and made by the worker (the tests' backend runs a task at the commit).
    for callback in queued:
        callback()
    assert archive_missing() == 0
    states = set(Case.objects.values_list("state", flat=True))
    assert states == {s.code for s in STRATEGIC_GOODS.states}
    assert Case.objects.filter(applicant_user=applicant).count() == added["cases"]
    assert queries.overdue(handler, timezone.localdate()).exists()
    assert queries.inbox(handler, "mine").exists() and queries.inbox(handler, "unassigned").exists()
    months = queries.statistics(handler)
    assert sum(m.closed for m in months) >= 10
    assert any(m.compliance is not None and m.compliance < 100 for m in months)
    # Every submitted file carries its application and goods lines; assessed files their findings;
    # refused ones a denial notification (criterion 2 negative).
    submitted = Case.objects.exclude(state="draft")
    assert Application.objects.count() == submitted.count() and GoodsLine.objects.count() == submitted.count()
    assessed = Case.objects.filter(criterion_findings__isnull=False).distinct()
    assert assessed.exists() and all(c.criterion_findings.count() == 8 for c in assessed)
    assert DenialNotification.objects.count() == Case.objects.filter(state="refused").count() > 0
    assert load_demo() == {}
    assert Case.objects.count() == added["cases"] + added["archive queued"]
    assert Application.objects.count() == submitted.count()


def test_demo_enterprise_numbers_are_valid():
    assert enterprise_number_is_valid(enterprise_number(4123456))
    assert enterprise_number_is_valid("0123.456.749") and not enterprise_number_is_valid("0123.456.789")


def test_a_demo_file_shows_a_screening_hit_when_the_demo_list_is_loaded(team, org):
    from chancery.strategic_goods.demo.loader import DEMO_SANCTIONS
    from chancery.strategic_goods.services import unreviewed_hits
    from chancery.strategic_goods.services.sanctions import load_sanctions

    load_sanctions(DEMO_SANCTIONS, source="command")
    make_user("aanvrager", Role.APPLICANT)
    make_user("ambtenaar", Role.CIVIL_SERVANT, team)
    make_user("kabinet", Role.CABINET, org.entities["cab_a"])
    load_demo()
    listed = Case.objects.get(strategic_application__end_user_name="Dmitriy Ivanovich Sokolovsky")
    assert listed.state == "submitted" and unreviewed_hits(listed.reference).exists()
