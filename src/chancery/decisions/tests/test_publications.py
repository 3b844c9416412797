"""Publication in the Belgian Official Gazette: steps in order, deadlines in working days, overdue."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from chancery.core.models import AuditEntry
from chancery.decisions import services
from chancery.decisions.models import PublicationStep
from chancery.decisions.testing import decided_meeting


@pytest.fixture
def meeting(secretariat):
    """The meeting that took the decision, before every date of the publications below."""
    return services.create_meeting(secretariat, starts_at=timezone.make_aware(datetime.datetime(2026, 11, 20, 10, 0)))


@pytest.fixture
def approved_item(secretariat, meeting, add):
    decided_meeting(secretariat, meeting, add, [("Rampenfondsdecreet", "public")], text="Goedgekeurd.")
    return services.final_items(meeting).get()


def d(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: d("2026-12-31"))


def test_a_publication_runs_through_its_steps_with_deadlines(secretariat, approved_item, today):
    publication = services.start_publication(secretariat, approved_item, regulation_type="decree", on=d("2026-11-30"))
    assert publication.number == "PUB-2026-0001"
    with pytest.raises(ValidationError, match="kan niet volgen"):
        services.record_step(secretariat, publication, PublicationStep.PUBLISHED, numac="2026012345")
    services.record_step(secretariat, publication, PublicationStep.TRANSLATION_REQUESTED, on=d("2026-12-01"))
    [translation] = services.deadlines(publication)
    assert translation.due == d("2026-12-15")  # ten working days
    assert not services.is_overdue(publication, today=d("2026-12-15"))
    assert services.is_overdue(publication, today=d("2026-12-16"))
    with pytest.raises(ValidationError):
        services.record_step(secretariat, publication, PublicationStep.TRANSLATION_RECEIVED, on=d("2026-11-30"))
    services.record_step(secretariat, publication, PublicationStep.TRANSLATION_RECEIVED, on=d("2026-12-04"))
    services.record_step(secretariat, publication, PublicationStep.PROOF_REQUESTED, on=d("2026-12-04"))
    services.record_step(secretariat, publication, PublicationStep.PROOF_RECEIVED, on=d("2026-12-07"))
    with pytest.raises(ValidationError, match="geplande publicatiedatum"):
        services.record_step(secretariat, publication, PublicationStep.PUBLICATION_REQUESTED, on=d("2026-12-07"))
    publication = services.record_step(
        secretariat,
        publication,
        PublicationStep.PUBLICATION_REQUESTED,
        on=d("2026-12-07"),
        planned_date=d("2026-12-18"),
    )
    assert services.is_overdue(publication, today=d("2026-12-21"))
    with pytest.raises(ValidationError, match="NUMAC"):
        services.record_step(secretariat, publication, PublicationStep.PUBLISHED, on=d("2026-12-07"))
    services.record_step(secretariat, publication, PublicationStep.PUBLISHED, on=d("2026-12-07"), numac="2026045678")
    publication.refresh_from_db()
    assert publication.published_on == d("2026-12-07") and publication.numac == "2026045678"
    assert not services.is_overdue(publication, today=d("2027-01-31"))
    assert AuditEntry.objects.for_object(publication).count() == 7


def test_urgent_publications_have_shorter_terms(secretariat, approved_item, today):
    publication = services.start_publication(
        secretariat, approved_item, regulation_type="decree", urgent=True, on=d("2026-11-26")
    )
    services.record_step(secretariat, publication, PublicationStep.PROOF_REQUESTED, on=d("2026-11-27"))
    [proof] = services.deadlines(publication)
    assert proof.due == d("2026-12-01")  # two working days after a Friday


def test_only_approved_decisions_are_published_once(secretariat, meeting, add, approved_item):
    services.start_publication(secretariat, approved_item, regulation_type="decree")
    with pytest.raises(ValidationError, match="al"):
        services.start_publication(secretariat, approved_item, regulation_type="decree")


def test_publication_screens(client, org, secretariat, approved_item, monkeypatch):
    from django.urls import reverse

    from chancery.decisions.models import Publication

    clock = {"today": d("2026-11-26")}
    monkeypatch.setattr(timezone, "localdate", lambda: clock["today"])
    client.force_login(secretariat)
    # The Gazette is requested after the meeting: its stage of the meeting page.
    after = reverse("decisions:meeting_after", args=[approved_item.agenda.meeting.uuid])
    assert "Publicatie aanvragen" in client.get(after).content.decode()
    response = client.post(
        reverse("decisions:publication_start", args=[approved_item.pk]), {"regulation_type": "decree", "urgent": "on"}
    )
    publication = Publication.objects.get()
    assert response["Location"] == publication.get_absolute_url() and publication.urgent
    clock["today"] = d("2026-11-27")
    response = client.post(
        publication.get_absolute_url(), {"step": "proof_requested", "on": "2026-11-27", "note": "Naar het Staatsblad"}
    )
    assert response.status_code == 302
    clock["today"] = d("2026-12-02")
    html = client.get(reverse("decisions:publication_list") + "?laat=1").content.decode()
    assert publication.number in html and "te laat" in html  # two working days after 27 November have passed
    assert publication.number in client.get(reverse("decisions:publication_list") + "?late=1").content.decode()
    html = client.get(reverse("decisions:publication_list"), {"stap": "alle", "dringend": "1"}).content.decode()
    assert publication.number in html and 'value="alle" selected' in html
    html = client.get(reverse("decisions:publication_list"), {"stap": "published"}).content.decode()
    assert publication.number not in html
    response = client.post(publication.get_absolute_url(), {"step": "published", "on": "2026-11-28"})
    assert response.status_code == 400  # not the next step
    client.force_login(org.users["cabinet_concerned"])
    assert client.get(reverse("decisions:publication_list")).status_code == 403


def test_no_date_of_a_publication_lies_before_its_meeting(secretariat, approved_item, today):
    """Issue 14: a publication in the Gazette was accepted with a date before its meeting."""
    with pytest.raises(ValidationError, match="vóór de zitting van 20 november 2026") as refused:
        services.start_publication(secretariat, approved_item, regulation_type="decree", on=d("2026-11-19"))
    assert "on" in refused.value.message_dict
    publication = services.start_publication(secretariat, approved_item, regulation_type="decree", on=d("2026-11-20"))
    services.record_step(secretariat, publication, PublicationStep.PROOF_REQUESTED, on=d("2026-11-23"))
    services.record_step(secretariat, publication, PublicationStep.PROOF_RECEIVED, on=d("2026-11-24"))
    with pytest.raises(ValidationError) as refused:
        services.record_step(
            secretariat, publication, PublicationStep.PUBLICATION_REQUESTED, on=d("2026-11-24"),
            planned_date=d("2026-11-13"),
        )  # fmt: skip
    assert "planned_date" in refused.value.message_dict
    publication.refresh_from_db()
    assert publication.step == PublicationStep.PROOF_RECEIVED and publication.planned_date is None
