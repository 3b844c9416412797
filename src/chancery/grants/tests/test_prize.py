"""The human rights prize (issue 15, capability 8; memorandum §6.1.2): the nomination's procedure
MRP with its guards, the public form's spam protection (each mechanism), the jury (conflict
declaration, scores), the laureate decision (recorded, audited, event), and confidentiality: the
nominees' names and the deliberation notes never on a public page, in the API or in search."""

import datetime

import pytest
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from chancery.core.models import AuditEntry, Role
from chancery.core.testing import make_user
from chancery.grants.prize_models import DeliberationNote, Edition, JuryReview, Nomination
from chancery.grants.services import prize
from chancery.grants.testing import fire
from chancery.procedures.services.cases import TransitionRefused

SECRET = "Aliaksei Bialiatski-Tester"
CRITERIA = [{"name": "Moed", "weight": 2}, {"name": "Impact", "weight": 1}]


def nomination_data(**changes) -> dict:
    return {
        "nominee_name": SECRET, "nominee_country": "BY",
        "motivation": "Verdedigt al twintig jaar politieke gevangenen, ondanks vervolging en gevangenschap.",
        "nominator_name": "Pieter Claes", "nominator_email": "pieter.claes@example.be",
        "consents_to_publication": False, **changes,
    }  # fmt: skip


def make_edition(handler, *, year=None, open_now=True, jury=()):
    now = timezone.now()
    edition = prize.create_edition(
        handler, year=year or timezone.localdate().year, theme="Mensenrechtenverdedigers in gevaar",
        nominations_open=now - datetime.timedelta(days=10),
        nominations_close=now + datetime.timedelta(days=10) if open_now else now - datetime.timedelta(days=1),
        criteria=CRITERIA,
    )  # fmt: skip
    for n, user in enumerate(jury):
        prize.add_jury_member(handler, edition, user, public_name=f"Jurylid {n + 1}", chair=n == 0)
    return edition


def close_period(edition):
    Edition.objects.filter(pk=edition.pk).update(nominations_close=timezone.now() - datetime.timedelta(minutes=1))
    edition.refresh_from_db()


def score_all(nomination, marks=(16, 14)):
    for review in JuryReview.objects.filter(nomination=nomination).select_related("member__user"):
        prize.declare_conflict(review.member.user, review, conflict=False)
        criteria = list(nomination.edition.criteria.all())
        prize.score(review.member.user, review, {c.pk: (m, "Sterk dossier.") for c, m in zip(criteria, marks,
                                                                                         strict=True)})  # fmt: skip


@pytest.fixture(autouse=True)
def clean_cache():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


@pytest.fixture
def jury(db):
    return [make_user("t-jury-1", Role.EXPERT), make_user("t-jury-2", Role.EXPERT)]


@pytest.fixture
def edition(grants, jury):
    return make_edition(grants, jury=jury)


@pytest.fixture
def nomination(edition):
    return prize.nominate(edition, nomination_data())


# --- the procedure: transitions and guards ----------------------------------------------------------


def test_a_nomination_from_the_form_to_laureate(grants, edition, nomination, jury):
    case = nomination.case
    assert case.procedure == "MRP" and case.state == "received" and case.access_level == "confidential"
    assert case.submitted_at is not None and SECRET not in case.title
    fire(case, "declare_admissible", grants)
    fire(case, "shortlist", grants)
    assert JuryReview.objects.filter(nomination=nomination).count() == 2
    with pytest.raises(TransitionRefused, match="Nog geen jurylid"):
        fire(case, "close_scoring", grants)
    score_all(nomination)
    fire(case, "close_scoring", grants)
    assert float(prize.consolidate(nomination).total) == pytest.approx(0.7667, abs=1e-4)
    with pytest.raises(TransitionRefused, match="nog niet voorbij"):
        fire(case, "award_prize", grants, "De jury koos unaniem.")
    close_period(edition)
    fire(case, "award_prize", grants, "De jury koos unaniem.")
    edition.refresh_from_db()
    assert case.state == "laureate" and edition.laureate == nomination and edition.decided_on
    entry = AuditEntry.objects.filter(content_type__model="edition", object_id=str(edition.pk)).order_by("pk").last()
    assert entry.after["laureate"] == case.reference and SECRET not in str(entry.after)


def test_the_laureate_decision_emits_its_event(grants, edition, nomination, django_capture_on_commit_callbacks):
    from chancery.core.events import domain_event

    received = []
    domain_event.connect(lambda **kw: received.append((kw["type"], kw["data"])), weak=False, dispatch_uid="t-prize")
    try:
        case = nomination.case
        fire(case, "declare_admissible", grants)
        fire(case, "shortlist", grants)
        score_all(nomination)
        fire(case, "close_scoring", grants)
        close_period(edition)
        fire(case, "award_prize", grants, "Unaniem.")
    finally:
        domain_event.disconnect(dispatch_uid="t-prize")
    decided = [data for code, data in received if code == "grants.prize_laureate_decided"]
    assert decided == [{"edition": edition.year, "reference": case.reference}]


def test_shortlisting_needs_a_jury(grants, jury):
    edition = make_edition(grants, jury=())
    case = prize.nominate(edition, nomination_data()).case
    fire(case, "declare_admissible", grants)
    with pytest.raises(TransitionRefused, match="nog geen jury"):
        fire(case, "shortlist", grants)
    case.refresh_from_db()
    assert case.state == "admissible"


def test_one_laureate_per_edition(grants, edition, jury):
    first = prize.nominate(edition, nomination_data())
    second = prize.nominate(edition, nomination_data(nominee_name="Tweede genomineerde"))
    for n in (first, second):
        fire(n.case, "declare_admissible", grants)
        fire(n.case, "shortlist", grants)
        score_all(n)
        fire(n.case, "close_scoring", grants)
    close_period(edition)
    fire(first.case, "award_prize", grants, "Unaniem.")
    with pytest.raises(TransitionRefused, match="heeft al zijn laureaat"):
        fire(second.case, "award_prize", grants, "Toch ook.")
    second.case.refresh_from_db()
    assert second.case.state == "scored"
    fire(second.case, "not_choose", grants, "Niet gekozen.")
    second.case.refresh_from_db()
    assert second.case.state == "not_chosen"


def test_inadmissible_needs_a_reason_and_the_public_cannot_act(grants, nomination, org):
    with pytest.raises(TransitionRefused, match="reden"):
        fire(nomination.case, "declare_inadmissible", grants)
    with pytest.raises(TransitionRefused):
        fire(nomination.case, "declare_admissible", org.users["applicant"])
    fire(nomination.case, "declare_inadmissible", grants, "Geen mensenrechtenwerk.")
    nomination.case.refresh_from_db()
    assert nomination.case.state == "inadmissible"


def test_a_conflicted_jury_member_never_scores(grants, edition, nomination, jury):
    fire(nomination.case, "declare_admissible", grants)
    fire(nomination.case, "shortlist", grants)
    review = JuryReview.objects.get(nomination=nomination, member__user=jury[0])
    with pytest.raises(ValidationError, match="Verklaar eerst"):
        prize.score(jury[0], review, {})
    with pytest.raises(ValidationError, match="belangenconflict"):
        prize.declare_conflict(jury[0], review, conflict=True, note="")
    prize.declare_conflict(jury[0], review, conflict=True, note="Ik werk samen met de genomineerde.")
    with pytest.raises(ValidationError, match="mag ze niet scoren"):
        prize.score(jury[0], review, {c.pk: (10, "x") for c in edition.criteria.all()})
    other = JuryReview.objects.get(nomination=nomination, member__user=jury[1])
    with pytest.raises(PermissionDenied):
        prize.declare_conflict(jury[0], other, conflict=False)
    prize.declare_conflict(jury[1], other, conflict=False)
    with pytest.raises(ValidationError, match="tussen 0 en 20"):
        prize.score(jury[1], other, {c.pk: (25, "Te hoog.") for c in edition.criteria.all()})
    assert not other.scores.exists()
    prize.score(jury[1], other, {c.pk: (15, "Goed.") for c in edition.criteria.all()})
    fire(nomination.case, "close_scoring", grants)  # the conflicted member is not waited for
    nomination.case.refresh_from_db()
    assert nomination.case.state == "scored"


# --- the public form and its spam protection -----------------------------------------------------


def form_post(client, edition, *, started=None, address="203.0.113.7", **changes):
    data = {**nomination_data(), "website": "", **changes}
    data["consents_to_publication"] = "on" if data.pop("consents_to_publication") else ""
    data["started"] = (
        started if started is not None else prize.form_token(timezone.now() - datetime.timedelta(seconds=60))
    )
    return client.post(f"/mensenrechtenprijs/{edition.year}/voordragen/", data, REMOTE_ADDR=address)


def test_the_public_form_takes_a_nomination_without_login(client, edition):
    page = client.get(f"/mensenrechtenprijs/{edition.year}/voordragen/")
    assert page.status_code == 200 and 'name="website"' in page.content.decode()
    response = form_post(client, edition)
    assert response.status_code == 302 and response["Location"] == f"/mensenrechtenprijs/{edition.year}/"
    nomination = Nomination.objects.get()
    assert nomination.nominee_name == SECRET and nomination.case.state == "received"


def test_the_honeypot_refuses(client, edition):
    response = form_post(client, edition, website="http://spam.example")
    assert response.status_code == 400 and "verborgen veld" in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_form_sent_too_fast_or_without_its_token_is_refused(client, edition):
    response = form_post(client, edition, started=prize.form_token())
    assert response.status_code == 400 and "te snel" in response.content.decode()
    response = form_post(client, edition, started="forged")
    assert response.status_code == 400 and "te snel" in response.content.decode()
    assert not Nomination.objects.exists()


def test_the_rate_limit_per_address(client, edition):
    from chancery.grants import rules

    limit = rules.figure("prize_nominations_per_hour")
    for _n in range(limit):
        assert form_post(client, edition).status_code == 302
    response = form_post(client, edition)
    assert response.status_code == 429 and "Te veel voordrachten" in response.content.decode()
    assert form_post(client, edition, address="198.51.100.9").status_code == 302  # another address
    assert Nomination.objects.count() == limit + 1


def test_bad_input_is_refused_in_dutch_and_nothing_is_stored(client, edition, grants):
    response = form_post(client, edition, nominee_country="B1", motivation="Kort.", nominator_email="geen-mail")
    text = response.content.decode()
    assert response.status_code == 400
    assert "tweeletterige code" in text and "ten minste 50 tekens" in text and "geldig e-mailadres" in text
    with pytest.raises(ValidationError) as refused:
        prize.nominate(edition, nomination_data(nominee_name=" "))
    assert "Geef de naam" in str(refused.value)
    close_period(edition)
    response = form_post(client, edition)
    assert response.status_code == 400 and "Voordragen kon tot" in response.content.decode()
    assert not Nomination.objects.exists()


# --- confidentiality -------------------------------------------------------------------------------


def test_the_public_page_names_the_jury_never_a_nominee(client, grants, edition, nomination, jury):
    prize.add_note(jury[0], edition, "Vertrouwelijk: de genomineerde wordt bedreigd.", nomination=nomination)
    page = client.get(f"/mensenrechtenprijs/{edition.year}/").content.decode()
    assert "Mensenrechtenverdedigers in gevaar" in page and "Jurylid 1" in page and "Jurylid 2" in page
    assert SECRET not in page and "bedreigd" not in page
    assert client.get("/mensenrechtenprijs/").status_code == 302


def test_the_laureate_is_named_only_with_consent(client, grants, edition, jury):
    unnamed = prize.nominate(edition, nomination_data())
    for step in ("declare_admissible", "shortlist"):
        fire(unnamed.case, step, grants)
    score_all(unnamed)
    fire(unnamed.case, "close_scoring", grants)
    close_period(edition)
    fire(unnamed.case, "award_prize", grants, "Unaniem.")
    page = client.get(f"/mensenrechtenprijs/{edition.year}/").content.decode()
    assert SECRET not in page and "niet publiek genoemd" in page

    later = make_edition(grants, year=edition.year + 1, jury=jury)
    named = prize.nominate(later, nomination_data(nominee_name="Openlijke Laureaat", consents_to_publication=True))
    for step in ("declare_admissible", "shortlist"):
        fire(named.case, step, grants)
    score_all(named)
    fire(named.case, "close_scoring", grants)
    close_period(later)
    fire(named.case, "award_prize", grants, "Unaniem.")
    assert "Openlijke Laureaat" in client.get(f"/mensenrechtenprijs/{later.year}/").content.decode()


def test_notes_and_nominees_stay_with_the_jury_and_the_service(client, grants, edition, nomination, jury, org):
    note = prize.add_note(jury[0], edition, "Vertrouwelijke deliberatie over de shortlist.")
    assert SECRET not in str(
        AuditEntry.objects.filter(content_type__model="deliberationnote", object_id=str(note.pk)).last().after
    )
    with pytest.raises(PermissionDenied):
        prize.add_note(org.users["applicant"], edition, "Ik wil ook iets zeggen.")
    with pytest.raises(ValidationError, match="Schrijf de notitie"):
        prize.add_note(jury[0], edition, "  ")
    for role, user in org.users.items():
        if role in ("admin", "secretariat"):
            continue
        assert not DeliberationNote.objects.visible_to(user).exists(), role
        assert not Nomination.objects.visible_to(user).exists(), role
    assert not DeliberationNote.objects.visible_to(None).exists()
    assert DeliberationNote.objects.visible_to(jury[1]).filter(pk=note.pk).exists()
    assert DeliberationNote.objects.visible_to(grants).filter(pk=note.pk).exists()
    outsider = make_user("t-buiten", Role.EXPERT)
    assert not DeliberationNote.objects.visible_to(outsider).exists()
    # Not on a page, in the API or in search, for the public or a civil servant outside the service.
    for user in (None, org.users["civil_servant"]):
        if user is not None:
            client.force_login(user)
        for address in (f"/mensenrechtenprijs/{edition.year}/", "/api/v1/cases", f"/zoeken?q={SECRET.split()[0]}",
                        "/zoeken?q=deliberatie"):  # fmt: skip
            text = client.get(address).content.decode()
            assert SECRET not in text and "Vertrouwelijke deliberatie" not in text, address
        assert client.get(f"/app/mensenrechtenprijs/{edition.year}/").status_code in (302, 403, 404)


def test_the_jury_and_service_pages(client, grants, edition, nomination, jury):
    fire(nomination.case, "declare_admissible", grants)
    fire(nomination.case, "shortlist", grants)
    client.force_login(jury[0])
    page = client.get(f"/app/mensenrechtenprijs/{edition.year}/")
    assert page.status_code == 200 and SECRET in page.content.decode()
    response = client.post(f"/app/mensenrechtenprijs/{edition.year}/", {"note-text": "Sterke shortlist."})
    assert response.status_code == 302 and DeliberationNote.objects.filter(text="Sterke shortlist.").exists()
    review = JuryReview.objects.get(nomination=nomination, member__user=jury[0])
    assert client.get(f"/app/mensenrechtenprijs/beoordelingen/{review.pk}/").status_code == 200
    client.post(f"/app/mensenrechtenprijs/beoordelingen/{review.pk}/", {"conflict-conflict": "no", "conflict-note": ""})
    review.refresh_from_db()
    assert review.conflict is False
    client.force_login(grants)
    assert client.get("/app/mensenrechtenprijs/").status_code == 200
    case_page = client.get(nomination.case.get_absolute_url()).content.decode()
    assert SECRET in case_page and "pieter.claes@example.be" in case_page


# --- the service's forms: a new edition, a jury member --------------------------------------------


def edition_post(**changes) -> dict:
    return {
        "year": "2031", "theme": "Persvrijheid", "description": "De prijs van 2031.",
        "nominations_open": "2031-01-15T09:00", "nominations_close": "2031-03-31T17:00",
        "criteria": "Moed; 2\nImpact op de mensenrechten\n", **changes,
    }  # fmt: skip


def test_the_service_creates_an_edition_through_the_form(client, grants):
    client.force_login(grants)
    assert "/app/mensenrechtenprijs/nieuw/" in client.get("/app/mensenrechtenprijs/").content.decode()
    assert client.get("/app/mensenrechtenprijs/nieuw/").status_code == 200
    response = client.post("/app/mensenrechtenprijs/nieuw/", edition_post())
    assert response.status_code == 302 and response["Location"] == "/app/mensenrechtenprijs/2031/"
    edition = Edition.objects.get(year=2031)
    assert edition.theme == "Persvrijheid"
    # Europe/Brussels: 09:00 in winter is 08:00 UTC.
    assert edition.nominations_open == datetime.datetime(2031, 1, 15, 8, 0, tzinfo=datetime.UTC)
    assert [(c.name, c.weight) for c in edition.criteria.order_by("order")] == [
        ("Moed", 2), ("Impact op de mensenrechten", 1)
    ]  # fmt: skip
    assert AuditEntry.objects.filter(content_type__model="edition", object_id=str(edition.pk), actor=grants).exists()


@pytest.mark.parametrize("changes, field, message", [
    ({"theme": " "}, "theme", "Dit veld is verplicht"),
    ({"nominations_close": "2031-01-01T09:00"}, "nominations_close", "sluit na"),
    ({"criteria": "Moed; veel"}, "criteria", "gewicht"),
    ({"criteria": "; 2"}, "criteria", "geen naam"),
    ({"criteria": "\n \n"}, "criteria", "Dit veld is verplicht"),
    ({"year": "tweeduizend"}, "year", "geheel getal"),
    ({"nominations_open": "morgen"}, "nominations_open", "geldige datum"),
])  # fmt: skip
def test_a_bad_edition_is_refused_in_dutch_and_nothing_stored(client, grants, changes, field, message):
    client.force_login(grants)
    entries = AuditEntry.objects.count()
    response = client.post("/app/mensenrechtenprijs/nieuw/", edition_post(**changes), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors, response.context["form"].errors
    assert not Edition.objects.exists() and AuditEntry.objects.count() == entries


def test_a_year_with_an_edition_is_refused(client, grants, edition):
    client.force_login(grants)
    response = client.post("/app/mensenrechtenprijs/nieuw/", edition_post(year=str(edition.year)))
    assert response.status_code == 400
    assert "heeft al een editie" in " ".join(response.context["form"].errors["year"])
    assert Edition.objects.count() == 1


def test_only_the_service_creates_editions_and_composes_juries(client, applicant, jury, edition):
    client.force_login(jury[0])  # a jury member reads the edition, but does not compose it
    assert client.get("/app/mensenrechtenprijs/nieuw/").status_code == 403
    assert client.post("/app/mensenrechtenprijs/nieuw/", edition_post()).status_code == 403
    response = client.post(f"/app/mensenrechtenprijs/{edition.year}/jury/",
                           {"jury-username": jury[0].username, "jury-public_name": "Ikzelf"})  # fmt: skip
    assert response.status_code == 403
    assert "add-jury-member" not in client.get(f"/app/mensenrechtenprijs/{edition.year}/").content.decode()
    client.force_login(applicant)
    assert client.post("/app/mensenrechtenprijs/nieuw/", edition_post()).status_code == 403
    assert not Edition.objects.filter(year=2031).exists() and edition.jury.count() == 2


def test_the_service_adds_a_jury_member_through_the_form(client, grants, edition):
    expert = make_user("t-expert-3", Role.EXPERT)
    client.force_login(grants)
    page = client.get(f"/app/mensenrechtenprijs/{edition.year}/").content.decode()
    assert 'id="add-jury-member"' in page
    response = client.post(f"/app/mensenrechtenprijs/{edition.year}/jury/", {
        "jury-username": "t-expert-3", "jury-public_name": "Prof. An Peeters", "jury-affiliation": "UGent",
    })  # fmt: skip
    assert response.status_code == 302 and response["Location"] == f"/app/mensenrechtenprijs/{edition.year}/"
    member = edition.jury.get(user=expert)
    assert (member.public_name, member.affiliation, member.chair) == ("Prof. An Peeters", "UGent", False)
    assert AuditEntry.objects.filter(content_type__model="jurymember", object_id=str(member.pk), actor=grants).exists()
    assert "Prof. An Peeters" in client.get(f"/mensenrechtenprijs/{edition.year}/").content.decode()


@pytest.mark.parametrize("who, public_name, message", [
    ("niemand", "Niemand", "Er is geen actieve gebruiker met die gebruikersnaam."),
    ("t-jury-1", "Jurylid 1", "zetelt al in deze jury"),
    ("t-aanvrager-jury", "Aanvrager", "kan niet in de jury zetelen"),
    ("t-expert-4", "", "Dit veld is verplicht"),
])  # fmt: skip
def test_a_bad_jury_member_is_refused_in_dutch_and_nothing_stored(client, grants, edition, who, public_name,
                                                                  message):  # fmt: skip
    make_user("t-aanvrager-jury", Role.APPLICANT)
    make_user("t-expert-4", Role.EXPERT)
    client.force_login(grants)
    entries = AuditEntry.objects.count()
    response = client.post(f"/app/mensenrechtenprijs/{edition.year}/jury/",
                           {"jury-username": who, "jury-public_name": public_name}, follow=True)  # fmt: skip
    shown = " ".join(str(m) for m in response.context["messages"])
    assert message in shown, shown
    assert edition.jury.count() == 2 and AuditEntry.objects.count() == entries
