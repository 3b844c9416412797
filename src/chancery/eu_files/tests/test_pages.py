"""The EU files' pages under /app/eu/: the administration reads them (outsiders 403, anonymous
to the login), deadlines highlighted on the list and the home page, forms that store or refuse
with the reason; positions and coordination never shown to whoever is not entitled."""

import datetime

import pytest
from django.utils import timezone

from chancery.core.testing import form_markup_problems
from chancery.eu_files.models import Attendee, CoordinationMeeting, CouncilMeeting, EuAct, Position, PositionState
from chancery.eu_files.services import coordination, council, positions
from chancery.eu_files.testing import directive, proposal

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def files(org):
    clerk = org.users["civil_servant"]
    overdue = directive(clerk, celex="32024L1275", deadline=TODAY() - datetime.timedelta(days=5), obligations=61,
                        pages=68, adopted_on=datetime.date(2024, 4, 24))  # fmt: skip
    later = directive(clerk, celex="32024L3019", deadline=TODAY() + datetime.timedelta(days=400), title="Afvalwater")
    soil = proposal(clerk, followed=True)
    position = positions.record_position(
        clerk,
        soil,
        interests="GEHEIM-BELANG Bodemdecreet",
        text="GEHEIM-STANDPUNT steun",
        needs_government_decision=False,
    )
    dge = coordination.hold_meeting(clerk, forum="dge", held_on=datetime.date(2025, 3, 3), subject="GEHEIME-DGE")
    coordination.add_attendee(clerk, dge, name="A. Peeters", representing="Vlaamse Regering")
    coordination.record_outcome(clerk, dge, soil, result="no_consensus")
    council.record_meeting(clerk, formation="env", held_on=datetime.date(2025, 3, 17), minister=org.mandatees["a"],
                           seat_taken=False, acts=[soil])  # fmt: skip
    return {"overdue": overdue, "later": later, "soil": soil, "position": position, "dge": dge}


PAGES = ["/app/eu/", "/app/eu/coordinatie/", "/app/eu/raad/"]


def test_outsiders_are_refused(client, org, files):
    detail = [f"/app/eu/{files['soil'].pk}/", f"/app/eu/coordinatie/{files['dge'].pk}/"]
    for role in ("expert", "applicant"):
        client.force_login(org.users[role])
        for url in PAGES + detail:
            assert client.get(url).status_code == 403, (role, url)
        assert "GEHEIM" not in client.get("/").content.decode()
    client.logout()
    assert client.get("/app/eu/").status_code == 302


def test_positions_and_coordination_are_the_administrations(org, files):
    for role in ("expert", "applicant"):
        user = org.users[role]
        assert not Position.objects.visible_to(user).exists()
        assert not CoordinationMeeting.objects.visible_to(user).exists()
        assert not Attendee.objects.visible_to(user).exists()
        assert not CouncilMeeting.objects.visible_to(user).exists()
        assert EuAct.objects.visible_to(user).count() == 3  # the acts themselves are public facts
    for role in ("civil_servant", "cabinet_other", "secretariat"):
        assert Position.objects.visible_to(org.users[role]).count() == 1


def test_the_list_highlights_deadlines(client, org, files):
    client.force_login(org.users["civil_servant"])
    page = client.get("/app/eu/").content.decode()
    assert 'class="row--overdue" data-deadline="overdue"' in page
    assert page.count('data-deadline="') == 1  # the later one is not highlighted
    assert "32024L1275" in page and "COM(2023) 416" in page
    assert form_markup_problems(page) == []
    only = client.get("/app/eu/?termijn=on").content.decode()
    assert "32024L1275" in only and "32024L3019" not in only
    home = client.get("/").content.decode()
    assert "32024L1275" in home and "32024L3019" not in home


def test_the_act_page_shows_position_coordination_and_council(client, org, files):
    client.force_login(org.users["civil_servant"])
    page = client.get(f"/app/eu/{files['soil'].pk}/").content.decode()
    assert "GEHEIM-STANDPUNT" in page and "GEHEIME-DGE" in page and "Raad Milieu" in page
    assert form_markup_problems(page) == []


def test_forms_store_or_refuse(client, org, files):
    client.force_login(org.users["civil_servant"])
    answer = client.post("/app/eu/", {"act-kind": "proposal", "act-title": "Iets", "act-com_number": "COM 12"})
    assert answer.status_code == 400 and EuAct.objects.count() == 3
    answer = client.post(
        "/app/eu/", {"act-kind": "proposal", "act-title": "Omnibus I", "act-com_number": "COM(2025) 81"}
    )
    assert answer.status_code == 302 and EuAct.objects.filter(com_number="COM(2025) 81").exists()
    soil = files["soil"]
    client.post(f"/app/eu/{soil.pk}/standpunt/", {"position-interests": "Bodem", "position-text": "Steun v2"})
    assert soil.positions.count() == 2
    client.post(f"/app/eu/{soil.pk}/opvolging/", {"tracking-obligations": "-3", "tracking-pages": "10"})
    soil.refresh_from_db()
    assert soil.pages is None  # refused whole
    client.post(f"/app/eu/{soil.pk}/opvolging/", {"tracking-obligations": "12", "tracking-pages": "40"})
    soil.refresh_from_db()
    assert (soil.obligations, soil.pages) == (12, 40)
    # A civil servant does not approve; the minister's office does.
    client.post(f"/app/eu/{soil.pk}/standpunt/{files['position'].pk}/goedkeuren/")
    assert Position.objects.get(pk=files["position"].pk).state == PositionState.DRAFT
    client.force_login(org.users["cabinet_concerned"])
    client.post(f"/app/eu/{soil.pk}/standpunt/{files['position'].pk}/goedkeuren/")
    assert Position.objects.get(pk=files["position"].pk).state == PositionState.APPROVED
    client.force_login(org.users["civil_servant"])
    dge = files["dge"]
    client.post(
        f"/app/eu/coordinatie/{dge.pk}/aanwezige/",
        {"attendee-name": "B. Claes", "attendee-representing": "Waals Gewest"},
    )
    assert dge.attendees.count() == 2
    outside_the_turn = {"council-formation": "env", "council-held_on": "2026-03-02", "council-seat_taken": "true",
                        "council-minister": org.mandatees["a"].pk}  # fmt: skip
    answer = client.post("/app/eu/raad/", outside_the_turn)
    assert answer.status_code == 400 and CouncilMeeting.objects.count() == 1


def test_the_council_page_counts_empty_seats(client, org, files):
    client.force_login(org.users["cabinet_other"])
    page = client.get("/app/eu/raad/").content.decode()
    assert 'data-seat="empty"' in page and "te verifiëren" in page
