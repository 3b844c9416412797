from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from chancery.core.models import User
from chancery.licensing.models import GeneralLicenceRegistration, Licence, PriorAuthorisation, UseReport
from chancery.licensing.services import prior
from chancery.procedures.models import Case, Party, Representation
from chancery.procedures.services import parties
from chancery.strategic_goods.models import Application


def test_demo_issues_licences_and_is_idempotent(db):
    out = StringIO()
    call_command("demo", stdout=out)
    # What it added, in the operator's language (Dutch), in the singular or plural as counted.
    said = out.getvalue()
    assert "zaken van de demo-aanvrager" in said
    assert not any(english in said for english in ("archive cases", "licence records", " cases", "1 personen"))
    counts = (Licence.objects.count(), UseReport.objects.count(), GeneralLicenceRegistration.objects.count(),
              PriorAuthorisation.objects.count())  # fmt: skip
    assert all(counts), counts
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
    call_command("demo", verbosity=0)
    assert counts == (Licence.objects.count(), UseReport.objects.count(), GeneralLicenceRegistration.objects.count(),
                      PriorAuthorisation.objects.count())  # fmt: skip


def test_the_demo_summary_counts_in_dutch_singular_or_plural():
    from django.utils import translation

    from chancery.core.management.commands.demo import counted
    from chancery.licensing.demo.loader import WORDS

    with translation.override("nl"):
        assert counted(WORDS["cases"], 1) == "1 zaak van de demo-aanvrager"
        assert counted(WORDS["archive cases"], 200) == "200 zaken in het archief"
        assert counted(WORDS["licence records"], 17).startswith("17 vergunningsgegevens (gebruiksmeldingen")
        assert counted(Case, 1) == "1 zaak" and counted(Case, 3) == "3 zaken"
