"""The public side shows a meeting's decisions only from their release, and never a confidential item."""

import pytest
from django.urls import reverse

from chancery.core import services as core_services
from chancery.core.models import AccessLevel
from chancery.core.testing import pdf_upload
from chancery.decisions import services
from chancery.decisions.models import DecisionResult, ItemDocument
from chancery.decisions.testing import decided_meeting, release


@pytest.fixture
def decided(secretariat, meeting, add):
    decided_meeting(secretariat, meeting, add, text="Besluit {title}")
    for item in services.final_items(meeting):
        services.set_press_summary(secretariat, item, f"De Vlaamse Regering keurt {item.short_title} goed.")
    item = services.final_items(meeting).get(short_title="Oostgrensprogramma")
    document = core_services.create_document(
        secretariat, title="Nota aan de Vlaamse Regering", access_level=AccessLevel.PUBLIC, upload=pdf_upload()
    )
    ItemDocument.objects.create(item=item, document=document)
    return meeting


def test_nothing_of_a_meeting_shows_before_its_release(client, decided):
    html = client.get(reverse("portal:decisions")).content.decode()
    assert "Oostgrensprogramma" not in html and f"{decided.number}/{decided.year}" not in html
    assert client.get(reverse("portal:meeting", args=[decided.uuid])).status_code == 404


def test_released_decisions_show_with_press_summary_and_documents_after_their_own_release(client, decided, secretariat):
    release(secretariat, decided, "decisions")
    assert f"{decided.number}/{decided.year}" in client.get(reverse("portal:decisions")).content.decode()
    html = client.get(reverse("portal:meeting", args=[decided.uuid])).content.decode()
    assert "Besluit Oostgrensprogramma" in html and "keurt Oostgrensprogramma goed" in html
    assert "Geheim punt" not in html
    assert "Nota aan de Vlaamse Regering" not in html  # documents follow in their own release
    release(secretariat, decided, "documents")
    html = client.get(reverse("portal:meeting", args=[decided.uuid])).content.decode()
    assert "Nota aan de Vlaamse Regering" in html
    link = ItemDocument.objects.get().document.versions.get().get_download_url()
    assert client.get(link).status_code == 200


def test_the_concerned_minister_sees_the_confidential_decision_on_the_same_page(client, decided, secretariat, org):
    release(secretariat, decided, "decisions")
    client.force_login(org.users["minister_concerned"])
    assert "Geheim punt" in client.get(reverse("portal:meeting", args=[decided.uuid])).content.decode()
    client.force_login(org.users["minister_other"])
    assert "Geheim punt" not in client.get(reverse("portal:meeting", args=[decided.uuid])).content.decode()


def test_meeting_page_queries_do_not_grow_with_items(client, decided, secretariat, django_assert_max_num_queries, add):
    release(secretariat, decided, "decisions")
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("portal:meeting", args=[decided.uuid]))
    # A second meeting with many more items costs the same number of queries.
    import datetime

    from django.utils import timezone

    big = services.create_meeting(secretariat, starts_at=timezone.make_aware(datetime.datetime(2026, 11, 27, 10)))
    for n in range(15):
        add(big, f"Punt {n}")
    draft = services.current_draft(big)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    for item in services.final_items(big):
        services.record_decision(secretariat, item, result=DecisionResult.APPROVED)
    release(secretariat, big, "decisions")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("portal:meeting", args=[big.uuid]))
    assert response.content.decode().count('class="card decision"') == 15


def test_dossier_phase_is_public_from_the_release_of_its_decision(client, decided, secretariat, org):
    dossier = services.create_dossier(secretariat, title="Oproep 2027 Oostgrens", short_title="Oostgrens 2027")
    step = services.add_step(
        secretariat, dossier, kind="final_approval", title="Definitieve goedkeuring", mandatees=[org.mandatees["a"]]
    )
    from chancery.decisions.models import AgendaItem

    AgendaItem.objects.filter(short_title="Oostgrensprogramma").update(step=step)
    url = reverse("portal:dossier", args=[dossier.uuid])
    assert client.get(url).status_code == 404
    release(secretariat, decided, "decisions")
    html = client.get(url).content.decode()
    assert "Definitieve goedkeuring: goedgekeurd op 04-12-2026" in html
    meeting_html = client.get(reverse("portal:meeting", args=[decided.uuid])).content.decode()
    assert url in meeting_html


def test_internal_dossier_screens(client, decided, secretariat, org):
    dossier = services.create_dossier(
        secretariat, title="Intern dossier", short_title="Intern", access_level="internal_council"
    )
    services.add_step(
        secretariat, dossier, kind="principle_approval", title="Principieel", mandatees=[org.mandatees["a"]]
    )
    client.force_login(org.users["cabinet_other"])
    html = client.get(reverse("decisions:dossier_list")).content.decode()
    assert "Intern" in html and "Principiële goedkeuring: in voorbereiding" in html
    assert client.get(reverse("decisions:dossier_detail", args=[dossier.uuid])).status_code == 200
    client.force_login(org.users["civil_servant"])
    assert client.get(reverse("decisions:dossier_detail", args=[dossier.uuid])).status_code == 404


def test_home_shows_the_latest_released_meetings_and_a_search_box(client, decided, secretariat):
    html = client.get("/").content.decode()
    assert 'action="/zoeken"' in html and f"{decided.number}/{decided.year}" not in html
    release(secretariat, decided, "decisions")
    assert f"{decided.number}/{decided.year}" in client.get("/").content.decode()


def test_minister_page_and_feed_show_released_decisions_only(client, decided, secretariat, org):
    url = reverse("portal:minister", args=[org.mandatees["a"].pk])
    assert "Oostgrensprogramma" not in client.get(url).content.decode()
    release(secretariat, decided, "decisions")
    html = client.get(url).content.decode()
    assert "Oostgrensprogramma" in html and "Geheim punt" not in html
    feed = client.get(reverse("portal:minister_feed", args=[org.mandatees["a"].pk])).content.decode()
    assert feed.count("<entry>") == 1 and "Oostgrensprogramma" in feed
