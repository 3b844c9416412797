from django.core.management import call_command

from chancery.licensing.models import GeneralLicenceRegistration, Licence, PriorAuthorisation, UseReport


def test_demo_issues_licences_and_is_idempotent(db):
    call_command("demo", verbosity=0)
    counts = (Licence.objects.count(), UseReport.objects.count(), GeneralLicenceRegistration.objects.count(),
              PriorAuthorisation.objects.count())  # fmt: skip
    assert all(counts), counts
    for licence in Licence.objects.all():
        assert licence.remaining_value() >= 0 and licence.document_id
    call_command("demo", verbosity=0)
    assert counts == (Licence.objects.count(), UseReport.objects.count(), GeneralLicenceRegistration.objects.count(),
                      PriorAuthorisation.objects.count())  # fmt: skip
