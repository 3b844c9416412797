"""What `chancery demo` loads: a year of a Government's work, the licence service's files, and a
second run that changes nothing a user relied on."""

from io import StringIO

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.utils import timezone

from chancery.core import services, signing
from chancery.core.demo.data import DEMO_PASSWORD, USERS
from chancery.core.models import AuditEntry, Document, Entity, Mandatee, SigningFlow, User
from chancery.decisions.models import AgendaItem, Meeting
from chancery.licensing.models import GeneralLicenceRegistration, Licence, PriorAuthorisation, UseReport
from chancery.licensing.services import prior
from chancery.procedures.models import Case, Party, Representation
from chancery.procedures.services import parties
from chancery.strategic_goods.models import Application


def core_counts():
    return Entity.objects.count(), Mandatee.objects.count(), User.objects.count(), Document.objects.count()


def licensing_counts():
    return (Licence.objects.count(), UseReport.objects.count(), GeneralLicenceRegistration.objects.count(),
            PriorAuthorisation.objects.count())  # fmt: skip


def test_the_demo_holds_a_government_at_work(on_the_demo, demo_folders):
    entities, mandatees, _users, documents = core_counts()
    assert entities >= 13 + 9 and mandatees == 9 and documents >= 6
    assert Entity.objects.filter(kind="post").count() == 13
    for username, role, *_ in USERS:
        user = User.objects.get(username=username)
        assert user.role == role and user.check_password(DEMO_PASSWORD)
    assert User.objects.get(username="minister").person is not None
    # A year of meetings: released decisions on the public side, the next meeting in preparation.
    assert Meeting.objects.count() == 41
    upcoming = Meeting.objects.order_by("-starts_at").first()
    assert upcoming.state == "planned" and upcoming.agendas.count() == 2
    public_items = AgendaItem.objects.visible_to(AnonymousUser())
    assert public_items.count() >= 150
    assert not public_items.filter(agenda__meeting=upcoming).exists()
    # Signed decision documents whose signatures verify against the demo authority.
    flow = SigningFlow.objects.filter(state="completed").first()
    assert [c.ok for c in signing.verify(flow.document.latest_version)] == [True, True]
    assert (demo_folders / "signing" / "demo-ca.pem").exists()


def test_the_demo_issues_licences(on_the_demo):
    # What it added, in the operator's language (Dutch), in the singular or plural as counted.
    assert "zaken van de demo-aanvrager" in on_the_demo
    assert not any(english in on_the_demo for english in ("archive cases", "licence records", " cases", "1 personen"))
    assert all(licensing_counts()), licensing_counts()
    for licence in Licence.objects.all():
        assert licence.remaining_value() >= 0 and licence.document_id
    # Every company that filed military goods holds the prior authorisation the filing needed.
    military = Party.objects.filter(cases__strategic_application__goods_family="military").distinct()
    assert military.exists() and all(prior.has_prior_authorisation(p, timezone.localdate()) for p in military)
    assert Application.objects.filter(goods_family="military", kind="transfer", destination_country="FR").exists()
    # The demo applicant's applications for a prior authorisation: the granted one holds it.
    states = dict(Case.objects.filter(procedure="VM").values_list("applicant__name", "state"))
    assert states == {"Brabo Defence Systems NV": "submitted", "Limburg Ballistics BV": "awaiting_advice",
                      "Kust Optronics NV": "granted"}  # fmt: skip
    assert PriorAuthorisation.objects.get(case__procedure="VM").party.name == "Kust Optronics NV"
    transfer = GeneralLicenceRegistration.objects.get(general_licence__startswith="VL-")
    assert prior.has_prior_authorisation(transfer.party, transfer.first_use_on)
    # The demo applicant represents every company it files for and registered (issue 13), so it
    # still files at the counter; the first company on an extract of the enterprise register; the
    # decisions were taken by a second civil servant, not by who proposed them (four eyes).
    applicant = User.objects.get(username="aanvrager")
    filed = Party.objects.filter(cases__applicant_user=applicant, kind="organisation").distinct()
    registered = Party.objects.filter(general_licences__registered_by=applicant)
    assert all(parties.represents(applicant, party) for party in [*filed, *registered])
    typed = {"kind": "organisation", "name": "Precisie", "registration_number": "0412345614", "country": "BE"}
    assert parties.acting_party(applicant, typed).name == "Precisie Optiek NV"
    on_extract = Representation.objects.get(user=applicant, party__name="Precisie Optiek NV")
    assert on_extract.basis == "register_extract" and on_extract.extract_id
    for case in Case.objects.filter(procedure="CSG", state__in=("granted", "refused")):
        actors = dict(case.history.values_list("name", "actor__username"))
        assert actors.get("propose_department_decision", "") != actors.get("grant", actors.get("refuse"))


def test_a_second_run_changes_nothing_a_user_relied_on(on_the_demo):
    before = core_counts(), licensing_counts()
    # A user relies on the demo: changes a password and a document. A second run keeps both.
    secretariaat = User.objects.get(username="secretariaat")
    secretariaat.set_password("een-eigen-wachtwoord-42")
    secretariaat.save()
    document = Document.objects.order_by("pk").first()
    services.change_document(secretariaat, document, reason="eigen titel", title="Mijn eigen titel")
    trail = AuditEntry.objects.count()
    out = StringIO()
    call_command("demo", stdout=out)
    assert (core_counts(), licensing_counts()) == before
    assert User.objects.get(username="secretariaat").check_password("een-eigen-wachtwoord-42")
    assert Document.objects.get(pk=document.pk).title == "Mijn eigen titel"
    assert AuditEntry.objects.count() == trail
    assert "expert" in out.getvalue()  # the accounts are named again
