"""The agenda screens: the secretariat edits, others read, nobody sees what they may not."""

from django.urls import reverse

from chancery.core.models import AccessLevel
from chancery.decisions import services
from chancery.decisions.models import Agenda, AgendaItem, FormalCheck, Meeting


def test_secretariat_creates_a_meeting_and_builds_its_agenda(client, org):
    client.force_login(org.users["secretariat"])
    response = client.post(
        reverse("decisions:meeting_create"), {"kind": "regular", "starts_at": "2026-12-18T10:00", "place": "Brussel"}
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    draft = services.current_draft(meeting)
    url = reverse("decisions:item_add", args=[meeting.uuid, "A"])
    data = {
        "revision": draft.revision,
        "kind": "note",
        "short_title": "Oostgrensprogramma",
        "title": "Oproep 2027 van het Oostgrensprogramma",
        "mandatees": [org.mandatees["a"].pk],
        "access_level": "internal_council",
    }
    assert client.post(url, data).status_code == 302
    # The same form again, with the revision it was loaded with: a conflict, clearly reported.
    response = client.post(url, {**data, "short_title": "Dubbel"})
    assert response.status_code == 400
    assert "Iemand anders heeft deze agenda intussen gewijzigd" in response.content.decode()
    assert list(AgendaItem.objects.values_list("short_title", flat=True)) == ["Oostgrensprogramma"]

    item = AgendaItem.objects.get()
    draft.refresh_from_db()
    client.post(reverse("decisions:item_formal_check", args=[item.pk]), {"revision": draft.revision, "check": "ok"})
    assert AgendaItem.objects.get().formal_check == FormalCheck.OK
    draft.refresh_from_db()
    response = client.post(reverse("decisions:agenda_approve", args=[meeting.uuid, "A"]), {"revision": draft.revision})
    assert response["Location"] == reverse("decisions:agenda_detail", args=[meeting.uuid, "B"])
    html = client.get(response["Location"]).content.decode()
    assert "Agenda B (Ontwerp)" in html and "Oostgrensprogramma" in html
    assert Agenda.objects.get(letter="A").status == "approved"


def test_others_read_but_do_not_edit(client, org, meeting, add):
    add(meeting, "Nota")
    client.force_login(org.users["minister_other"])
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Nota" in html and "Punt toevoegen" not in html
    draft = services.current_draft(meeting)
    response = client.post(reverse("decisions:agenda_approve", args=[meeting.uuid, "A"]), {"revision": draft.revision})
    assert response.status_code == 403
    assert Agenda.objects.get().status == "draft"


def test_outsiders_do_not_see_meetings(client, org, meeting):
    for role in ("expert", "applicant"):
        client.force_login(org.users[role])
        assert client.get(reverse("decisions:meeting_list")).status_code == 403
        assert client.get(meeting.get_absolute_url()).status_code == 403


def test_confidential_items_stay_hidden_on_agendas_and_comparisons(client, org, meeting, add, secretariat):
    add(meeting, "Gewone nota")
    add(meeting, "Geheime nota", minister="a", access_level=AccessLevel.CONFIDENTIAL)
    services.approve_all_formally(secretariat, services.current_draft(meeting), expected_revision=None)
    services.approve_agenda(secretariat, services.current_draft(meeting), expected_revision=None)
    add(meeting, "Nieuwe geheime nota", minister="a", access_level=AccessLevel.CONFIDENTIAL)
    for role, sees in (("minister_concerned", True), ("cabinet_other", False), ("civil_servant", False)):
        client.force_login(org.users[role])
        html = client.get(meeting.get_absolute_url()).content.decode()
        assert ("Geheime nota" in html) == sees, role
        compare = client.get(reverse("decisions:agenda_compare", args=[meeting.uuid])).content.decode()
        assert ("Nieuwe geheime nota" in compare) == sees, role


def test_agenda_versions_are_compared_as_the_address_asks(client, org, meeting, add, secretariat):
    add(meeting, "Eerste nota")
    for _version in "AB":
        services.approve_all_formally(secretariat, services.current_draft(meeting), expected_revision=None)
        services.approve_agenda(secretariat, services.current_draft(meeting), expected_revision=None)
    client.force_login(org.users["civil_servant"])
    url = reverse("decisions:agenda_compare", args=[meeting.uuid])
    assert client.get(url).context["comparison"].older.letter == "B"  # the last two by default
    for params in ({"van": "A", "naar": "C"}, {"from": "A", "to": "C"}):  # the English names of before too
        comparison = client.get(url, params).context["comparison"]
        assert (comparison.older.letter, comparison.newer.letter) == ("A", "C"), params


def test_meeting_list_shows_meetings_with_their_versions(client, org, meeting):
    client.force_login(org.users["civil_servant"])
    html = client.get(reverse("decisions:meeting_list")).content.decode()
    assert f"{meeting.number}/{meeting.year}" in html


def test_the_submitting_cabinet_adds_a_document_on_the_agenda_page(client, org, meeting, add):
    from chancery.core.testing import pdf_upload

    item = add(meeting, "Oostgrens", minister="a")
    client.force_login(org.users["cabinet_concerned"])
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Stuk toevoegen" in html
    response = client.post(
        reverse("decisions:item_attach", args=[item.pk]),
        {"title": "Nota Oostgrens", "kind": "note", "file": pdf_upload()},
    )
    assert response.status_code == 302
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "VR 2026 0412 DOC.0001/1 Nota Oostgrens" in html
    client.force_login(org.users["cabinet_other"])
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Stuk toevoegen" not in html and "Nota Oostgrens" in html  # public-level item: the council sees it
    response = client.post(
        reverse("decisions:item_attach", args=[item.pk]),
        {"title": "Poging", "kind": "note", "file": pdf_upload("p.pdf")},
    )
    assert response.status_code == 403


def test_submission_screens_from_proposal_to_agenda(client, org, meeting):
    from chancery.core.testing import pdf_upload
    from chancery.decisions.models import Submission

    client.force_login(org.users["cabinet_concerned"])
    response = client.post(
        reverse("decisions:submission_create", args=[meeting.uuid]),
        {
            "kind": "note",
            "short_title": "Mensenrechtenfonds",
            "title": "Oproep 2027 van het Vlaams mensenrechtenfonds",
            "mandatees": [org.mandatees["a"].pk],
            "step_kind": "principle_approval",
            "item_access_level": "public",
            "files": [pdf_upload("nota.pdf"), pdf_upload("bijlage.pdf", "bijlage")],
        },
    )
    submission = Submission.objects.get()
    assert response.status_code == 302 and submission.documents.count() == 2
    client.force_login(org.users["cabinet_other"])
    assert client.get(submission.get_absolute_url()).status_code == 404
    client.force_login(org.users["secretariat"])
    assert "Mensenrechtenfonds" in client.get(reverse("decisions:submission_list")).content.decode()
    assert 'href="?status=alle"' in client.get(reverse("decisions:submission_list")).content.decode()
    client.post(submission.get_absolute_url(), {"action": "send_back", "remarks": "Graag het advies van de IF."})
    client.force_login(org.users["cabinet_concerned"])
    html = client.get(submission.get_absolute_url()).content.decode()
    assert "Graag het advies van de IF." in html and "Opnieuw indienen" in html
    client.post(
        submission.get_absolute_url(),
        {
            "action": "resubmit",
            "title": submission.title,
            "short_title": "Mensenrechtenfonds 2027",
            "files": [pdf_upload("if.pdf", "advies")],
        },
    )
    client.force_login(org.users["secretariat"])
    client.post(submission.get_absolute_url(), {"action": "accept"})
    submission.refresh_from_db()
    assert submission.state == "accepted" and submission.item.short_title == "Mensenrechtenfonds 2027"
    assert submission.item.item_documents.count() == 3
    # Accepted: gone from those waiting, shown with ?status=alle (and ?state=all, its name before).
    assert "Mensenrechtenfonds" not in client.get(reverse("decisions:submission_list")).content.decode()
    for params in ({"status": "alle"}, {"state": "all"}):
        assert "Mensenrechtenfonds" in client.get(reverse("decisions:submission_list"), params).content.decode()


def test_meeting_calendar_shows_a_month(client, org, meeting):
    client.force_login(org.users["civil_servant"])
    html = client.get(reverse("decisions:meeting_calendar") + "?maand=2026-12").content.decode()
    assert "December 2026" in html and f"Ministerraad {meeting.number}" in html
    assert client.get(reverse("decisions:meeting_calendar") + "?maand=onzin").status_code == 200


def test_minutes_decisions_and_closing_through_the_meeting_page(client, org, meeting, add, secretariat):
    from chancery.core.testing import pdf_upload
    from chancery.decisions.models import Meeting, Minutes

    add(meeting, "Oostgrens")
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    item = services.final_items(meeting).get()
    client.force_login(secretariat)
    client.post(reverse("decisions:meeting_close", args=[meeting.uuid]))
    assert Meeting.objects.get().state == "agenda_approved"  # refused: no decision yet
    client.post(
        reverse("decisions:item_decide", args=[item.pk]), {"result": "approved", "text": "Goedgekeurd.", "revision": 0}
    )
    client.post(
        reverse("decisions:meeting_minutes", args=[meeting.uuid]),
        {"file": pdf_upload("notulen.pdf", "Notulen"), "revision": 0},
    )
    assert Minutes.objects.get().document.versions.count() == 1
    client.post(reverse("decisions:meeting_close", args=[meeting.uuid]))
    assert Meeting.objects.get().state == "closed"
    response = client.post(
        reverse("decisions:meeting_minutes", args=[meeting.uuid]),
        {"file": pdf_upload("notulen-2.pdf", "Notulen 2"), "revision": 1},
    )
    assert "geef de reden van de correctie" in client.get(response["Location"]).content.decode()
    assert Minutes.objects.get().document.versions.count() == 1
    client.post(
        reverse("decisions:item_decide", args=[item.pk]),
        {
            "result": "approved",
            "text": "Goedgekeurd, met een amendement.",
            "reason": "Amendement vergeten",
            "revision": 1,
        },
    )
    assert item.decisions.count() == 2


def test_the_meeting_list_counts_only_what_the_reader_may_see(client, org, meeting, add, secretariat):
    add(meeting, "Openbaar punt")
    add(meeting, "Vertrouwelijk punt", access_level=AccessLevel.CONFIDENTIAL)
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    # Nothing released yet: civil servants see no item; the council sees the public one and the
    # confidential one only when its minister is concerned.
    for role, expected in (("secretariat", 2), ("minister_concerned", 2), ("minister_other", 1), ("civil_servant", 0)):
        client.force_login(org.users[role])
        [row] = client.get(reverse("decisions:meeting_list")).context["page"].object_list
        assert row.item_count == expected, role


def test_the_minutes_title_is_shown_only_to_who_may_read_the_minutes(client, org, meeting, add, secretariat):
    from chancery.core.testing import pdf_upload

    add(meeting, "Punt")
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    services.attach_minutes(secretariat, meeting, pdf_upload("notulen.pdf"))
    minutes_title = meeting.minutes.document.title
    client.force_login(secretariat)
    assert minutes_title in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(org.users["civil_servant"])  # reads the meeting, not council papers
    page = client.get(meeting.get_absolute_url())
    assert page.status_code == 200 and minutes_title not in page.content.decode()


def test_the_decisions_back_office_lives_under_app_and_old_addresses_redirect(client, org, meeting):
    assert meeting.get_absolute_url().startswith("/app/zittingen/")
    response = client.get(f"/zittingen/{meeting.uuid}/?maand=2026-12")
    assert response.status_code == 301
    assert response["Location"] == f"/app/zittingen/{meeting.uuid}/?maand=2026-12"
