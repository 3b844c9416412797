"""The feedback panel: the public form (anonymous or identified, the regulation picked by searching
the register or suggested from the text, evidence), its limits (per address and hour, robots),
moderation (publish into groups of similar signals, or refuse with a reason), the public answer,
and the one rule above all: personal data is never published, and what the moderators alone may
read (the text as sent, who sent it, the evidence) is never shown to anyone else."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chancery.core.samples import make_pdf
from chancery.core.testing import form_markup_problems
from chancery.regulation.models import FeedbackSignal, SignalEvidence, SignalGroup
from chancery.regulation.services import feedback, register

pytestmark = pytest.mark.django_db

PERSONAL = (
    "Ik ben Jan (jan.peeters@example.be, 0475 12 34 56, rijksregisternummer 85.07.30-033.28, "
    "rekening BE68 5390 0754 7034) en de omgevingsvergunning vraagt elk jaar hetzelfde formulier opnieuw."
)
LEAKS = ("jan.peeters", "12 34 56", "85.07.30", "033.28", "5390 0754")
PDF = make_pdf("Brief van de gemeente")


@pytest.fixture
def regulations(org):
    secretariat = org.users["secretariat"]
    permit = register.register_regulation(
        secretariat, kind="decree", title="Decreet van 25 april 2014 betreffende de omgevingsvergunning",
        date=datetime.date(2014, 4, 25),
    )  # fmt: skip
    other = register.register_regulation(
        secretariat, kind="decree", title="Decreet over het lokaal bestuur", date=datetime.date(2018, 12, 22)
    )
    return permit, other


def _form(regulation=None, **extra):
    data = {
        "regulation": regulation.pk if regulation else "",
        "theme": "burden",
        "text": PERSONAL,
        "reporter_kind": "citizen",
        "anonymous": "on",
        "name": "",
        "email": "",
        "organisation": "",
        "website": "",
    }
    data.update(extra)
    return data


def test_an_anonymous_signal_with_evidence_is_received_masked(client, regulations):
    permit, _other = regulations
    page = client.get(reverse("regulation:report_signal"))
    assert page.status_code == 200 and not form_markup_problems(page.content.decode())
    answer = client.post(
        reverse("regulation:report_signal"),
        {**_form(permit), "evidence_1": SimpleUploadedFile("brief.pdf", PDF, content_type="application/pdf")},
    )
    assert answer.status_code == 302
    signal = FeedbackSignal.objects.get()
    assert signal.state == "received" and signal.regulation == permit and not signal.regulation_suggested
    assert signal.anonymous and not signal.name and signal.submitted_by is None
    assert set(signal.personal_data_found) == {"email", "iban", "national_number", "phone"}
    assert all(leak not in signal.public_text for leak in LEAKS)
    assert signal.text == PERSONAL  # kept as sent, for the moderators
    evidence = signal.evidence.get()
    assert evidence.filename == "brief.pdf" and evidence.file.open("rb").read() == PDF
    # Not published before moderation.
    assert PERSONAL[:20] not in client.get(reverse("regulation:signals")).content.decode()


def test_the_register_is_searched_and_a_regulation_suggested_from_the_text(client, regulations):
    permit, other = regulations
    found = client.get(reverse("regulation:report_signal"), {"zoek": "lokaal bestuur"}).content.decode()
    assert f'value="{other.pk}"' in found and f'value="{permit.pk}"' not in found
    client.post(
        reverse("regulation:report_signal"),
        _form(text="De omgevingsvergunningen voor een kleine veranda zijn te zwaar."),
    )
    signal = FeedbackSignal.objects.get()
    assert signal.regulation == permit and signal.regulation_suggested


def test_identified_without_contact_details_is_refused_nothing_stored(client, regulations):
    answer = client.post(reverse("regulation:report_signal"), _form(regulations[0], anonymous=""))
    assert answer.status_code == 400
    assert "Geef uw naam en e-mailadres, of meld anoniem." in answer.content.decode()
    assert not FeedbackSignal.objects.exists()
    ok = client.post(
        reverse("regulation:report_signal"),
        _form(regulations[0], anonymous="", name="An De Smet", email="an@example.be", organisation="Bakkerij De Smet"),
    )
    assert ok.status_code == 302
    signal = FeedbackSignal.objects.get()
    assert not signal.anonymous and signal.email == "an@example.be"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"text": "Te kort."}, "Beschrijf het probleem in minstens 20 tekens."),
        ({"theme": "onbekend"}, "Selecteer een geldige keuze."),
        ({"website": "http://spam.example"}, "Dit formulier werd niet door een persoon verstuurd."),
    ],
)
def test_bad_input_and_robots_are_refused(client, regulations, change, message):
    answer = client.post(reverse("regulation:report_signal"), _form(regulations[0], **change))
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not FeedbackSignal.objects.exists()


def test_a_file_that_is_not_allowed_is_refused(client, regulations):
    answer = client.post(
        reverse("regulation:report_signal"),
        {
            **_form(regulations[0]),
            "evidence_1": SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/x-msdownload"),
        },
    )
    assert answer.status_code == 400 and not FeedbackSignal.objects.exists()


def test_an_address_sends_its_hourly_number_and_no_more(client, regulations, settings):
    settings.CHANCERY_FEEDBACK_SIGNALS_PER_HOUR = 2
    statuses = [client.post(reverse("regulation:report_signal"), _form(regulations[0])).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert FeedbackSignal.objects.count() == 2
    # Another address is not held back.
    assert (
        client.post(reverse("regulation:report_signal"), _form(regulations[0]), REMOTE_ADDR="198.51.100.7").status_code
        == 302
    )


def _signal(regulation, text=PERSONAL, theme="burden"):
    return feedback.submit(text=text, theme=theme, reporter_kind="company", regulation=regulation)


def test_moderation_publishes_masked_groups_similar_and_answers(client, org, regulations):
    permit, _other = regulations
    moderator = org.users["civil_servant"]
    first = feedback.publish(moderator, _signal(permit), title="Jaarlijks hetzelfde formulier")
    second = _signal(
        permit, text="Ook wij moeten elk jaar hetzelfde formulier voor de omgevingsvergunning opnieuw invullen."
    )
    similar = feedback.similar_groups(second)
    assert similar and similar[0].group == first.group and similar[0].score > 0.25
    feedback.publish(moderator, second, group=similar[0].group)
    assert SignalGroup.objects.count() == 1 and first.group.signals.count() == 2
    # An edit by the moderator is masked again.
    third = _signal(permit, text="Een ander probleem met de omgevingsvergunning en de termijnen.", theme="unclear")
    feedback.publish(moderator, third, title="Termijnen", public_text="Bel mij op 02 553 12 34 over de termijnen.")
    third.refresh_from_db()
    assert "553" not in third.public_text and "phone" in third.personal_data_found
    group = first.group
    feedback.answer(moderator, group, status="answered", text="Vanaf 2027 volstaat een melding bij een wijziging.")
    public = client.get(reverse("regulation:regulation_signals", args=[permit.pk])).content.decode()
    assert "Jaarlijks hetzelfde formulier" in public and "Vanaf 2027 volstaat een melding" in public
    assert "Beantwoord" in public
    for page in (public, client.get(reverse("regulation:signals")).content.decode()):
        assert all(leak not in page for leak in LEAKS) and "553 12 34" not in page
        assert "[e-mailadres verwijderd]" in page


def test_an_answer_with_personal_data_is_refused(org, regulations):
    moderator = org.users["civil_servant"]
    signal = feedback.publish(moderator, _signal(regulations[0]), title="Formulier")
    with pytest.raises(ValidationError) as refused:
        feedback.answer(moderator, signal.group, status="answered", text="Mail naar jan.peeters@example.be")
    assert "persoonsgegevens" in " ".join(refused.value.messages)
    signal.group.refresh_from_db()
    assert signal.group.answer == "" and signal.group.status == "under_study"


def test_refusal_needs_a_reason_and_is_never_published(client, org, regulations):
    moderator = org.users["secretariat"]
    signal = _signal(regulations[0], text="Koop goedkope horloges op www.spam.example, de beste prijzen!")
    with pytest.raises(ValidationError):
        feedback.reject(moderator, signal, reason="spam", note=" ")
    with pytest.raises(ValidationError):
        feedback.reject(moderator, signal, reason="onbekend", note="Reclame")
    feedback.reject(moderator, signal, reason="spam", note="Reclame voor horloges")
    signal.refresh_from_db()
    assert signal.state == "rejected" and signal.rejection == "spam"
    with pytest.raises(ValidationError):
        feedback.publish(moderator, signal, title="Toch")  # moderated once
    assert "horloges" not in client.get(reverse("regulation:signals")).content.decode()
    assert not FeedbackSignal.objects.visible_to(AnonymousUser()).exists()


def test_a_group_holds_signals_of_one_regulation(org, regulations):
    permit, other = regulations
    moderator = org.users["civil_servant"]
    first = feedback.publish(moderator, _signal(permit), title="Formulier")
    with pytest.raises(ValidationError):
        feedback.publish(moderator, _signal(other), group=first.group)
    with pytest.raises(ValidationError):
        feedback.publish(moderator, _signal(other))  # a new group needs a title
    assert FeedbackSignal.objects.filter(state="received").count() == 2


def test_only_the_staff_moderates_and_reads_what_was_sent(client, org, regulations):
    signal = _signal(regulations[0])
    SignalEvidence.objects.create(signal=signal, filename="b.pdf", mime_type="application/pdf", size=1, sha256="0")
    for role in ("minister_concerned", "cabinet_concerned", "expert", "applicant"):
        with pytest.raises(PermissionDenied):
            feedback.publish(org.users[role], signal, title="X")
        client.force_login(org.users[role])
        assert client.get(reverse("regulation_office:moderation")).status_code == 403
        assert client.get(reverse("regulation_office:signal", args=[signal.pk])).status_code == 403
        assert not SignalEvidence.objects.visible_to(org.users[role]).exists()
        assert not FeedbackSignal.objects.visible_to(org.users[role]).exists()
    client.logout()
    assert client.get(reverse("regulation_office:signal", args=[signal.pk])).status_code == 302  # to the login
    client.force_login(org.users["civil_servant"])
    page = client.get(reverse("regulation_office:signal", args=[signal.pk])).content.decode()
    assert "jan.peeters@example.be" in page  # the moderator reads it as sent
    assert not form_markup_problems(page)


def test_moderation_through_the_pages(client, org, regulations):
    permit, _other = regulations
    signal = _signal(permit)
    client.force_login(org.users["civil_servant"])
    office = client.get(reverse("regulation_office:index")).content.decode()
    assert reverse("regulation_office:moderation") in office and reverse("regulation_office:states") in office
    assert client.get(reverse("regulation_office:moderation")).status_code == 200
    refused = client.post(
        reverse("regulation_office:signal", args=[signal.pk]), {"reject-reason": "spam", "reject-note": ""}
    )
    assert refused.status_code == 400
    answer = client.post(
        reverse("regulation_office:signal", args=[signal.pk]),
        {"publish-regulation": permit.pk, "publish-group": "", "publish-title": "Formulieren",
         "publish-public_text": signal.public_text, "publish-note": ""},
    )  # fmt: skip
    assert answer.status_code == 302
    signal.refresh_from_db()
    assert signal.state == "published"
    group_page = reverse("regulation_office:group", args=[signal.group.pk])
    assert client.post(group_page, {"status": "answered", "text": "Bel 0475 12 34 56"}).status_code == 400
    assert client.post(group_page, {"status": "taken_up", "text": "Het formulier verdwijnt."}).status_code == 302
    signal.group.refresh_from_db()
    assert signal.group.status == "taken_up" and signal.group.answered_by == org.users["civil_servant"]


def test_an_anonymous_signal_of_a_logged_in_user_names_nobody(client, org, regulations):
    from chancery.core.models import AuditEntry

    client.force_login(org.users["applicant"])
    assert client.post(reverse("regulation:report_signal"), _form(regulations[0])).status_code == 302
    signal = FeedbackSignal.objects.get()
    assert signal.submitted_by is None and not signal.name
    entry = AuditEntry.objects.get(object_id=str(signal.pk), content_type__model="feedbacksignal")
    assert entry.actor is None


def test_a_logged_in_senders_evidence_is_kept_across_a_form_shown_again(client, org, regulations):
    from chancery.core.models import PendingUpload

    client.force_login(org.users["applicant"])
    upload = SimpleUploadedFile("brief.pdf", PDF, content_type="application/pdf")
    refused = client.post(
        reverse("regulation:report_signal"), {**_form(regulations[0], text="Te kort."), "evidence_1": upload}
    )
    assert refused.status_code == 400 and not FeedbackSignal.objects.exists()
    kept = PendingUpload.objects.get(user=org.users["applicant"])
    assert "brief.pdf" in refused.content.decode()
    sent = client.post(reverse("regulation:report_signal"), {**_form(regulations[0]), "evidence_1-kept": str(kept.key)})
    assert sent.status_code == 302
    assert FeedbackSignal.objects.get().evidence.get().file.open("rb").read() == PDF
    assert not PendingUpload.objects.exists()  # used: no longer kept
    # Another user's key finds nothing.
    client.force_login(org.users["expert"])
    client.post(reverse("regulation:report_signal"), {**_form(regulations[0]), "evidence_1-kept": str(kept.key)})
    assert not FeedbackSignal.objects.order_by("-pk").first().evidence.exists()
