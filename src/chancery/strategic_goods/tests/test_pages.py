"""The back-office pages: checking a code, screening a party, reviewing the hits of a subject.
Only the administration opens them; only handlers review."""

import pytest

from chancery.core.models import AuditEntry
from chancery.strategic_goods.demo.loader import DEMO_SUBJECT, load_demo
from chancery.strategic_goods.models import ScreeningHit
from chancery.strategic_goods.services import unreviewed_hits

INDEX = "/app/strategische-goederen/"


@pytest.fixture
def demo(control_list, demo_list):
    load_demo()
    return ScreeningHit.objects.filter(subject=DEMO_SUBJECT)


@pytest.mark.parametrize("role", ["applicant", "expert"])
def test_outsiders_may_not_open_the_pages(client, org, demo, role):
    client.force_login(org.users[role])
    assert client.get(INDEX).status_code == 403
    assert client.get(f"{INDEX}treffers/{demo.first().pk}/").status_code == 403


def test_anonymous_readers_are_sent_to_the_login(client, demo):
    assert client.get(INDEX).status_code == 302


def test_check_a_code(client, org, control_list):
    client.force_login(org.users["civil_servant"])
    page = client.get(INDEX, {"code": "ml1.d"}).content.decode()
    assert "ML1.d" in page and "Sound suppressors or moderators" in page and "staat op de controlelijst" in page
    page = client.get(INDEX, {"code": "5A992"}).content.decode()
    assert "Amerikaanse exportclassificatie" in page
    page = client.get(INDEX, {"code": "3A001.a.99"}).content.decode()
    assert "3A001.a" in page and "staat niet op de controlelijst" in page


def test_screen_a_party(client, org, demo_list):
    client.force_login(org.users["civil_servant"])
    page = client.get(INDEX, {"naam": "Evgeny Marchenko", "land": "RU"}).content.decode()
    assert "EU-FSD-900002" in page and "ARMS-EMBARGO-RU" in page
    assert "Rusland — wapenembargo (volledig; Besluit 2014/512/GBVB van de Raad)" in page
    assert "verzonnen demolijst" in page
    assert 'name="naam" value="Evgeny Marchenko"' in page and 'name="land"' in page  # the form asks in Dutch
    page = client.get(INDEX, {"naam": "Bakkerij Janssens", "land": "BE"}).content.decode()
    assert "Geen overeenkomsten." in page
    # The English names of before still work (a bookmarked screening).
    assert "ARMS-EMBARGO-RU" in client.get(INDEX, {"name": "Evgeny Marchenko", "country": "RU"}).content.decode()


def test_review_the_hits_of_a_subject(client, org, demo):
    handler = org.users["civil_servant"]
    client.force_login(handler)
    index = client.get(INDEX).content.decode()
    assert DEMO_SUBJECT in index
    subject_page = client.get(f"{INDEX}screening/{DEMO_SUBJECT}/")
    assert subject_page.status_code == 200 and "Sunrise Global Trading FZE" in subject_page.content.decode()
    hit = demo.get(list_id="EU-FSD-900015")
    refused = client.post(f"{INDEX}treffers/{hit.pk}/", {"decision": "confirmed", "motivation": " "})
    assert refused.status_code == 200 and "field--error" in refused.content.decode()
    hit.refresh_from_db()
    assert not hit.decision
    done = client.post(f"{INDEX}treffers/{hit.pk}/", {"decision": "confirmed", "motivation": "Zelfde adres in Dubai."})
    assert done.status_code == 302
    hit.refresh_from_db()
    assert hit.decision == "confirmed" and hit.reviewer == handler
    assert AuditEntry.objects.filter(object_id=str(hit.pk), action="state_change", source="web").exists()
    assert unreviewed_hits(DEMO_SUBJECT).count() == demo.count() - 1
    # A decided hit shows its review and offers no form.
    page = client.get(f"{INDEX}treffers/{hit.pk}/").content.decode()
    assert "Zelfde adres in Dubai." in page and '<form method="post"' not in page


def test_a_cabinet_member_sees_but_may_not_review(client, org, demo):
    client.force_login(org.users["cabinet_concerned"])
    hit = demo.first()
    assert client.get(f"{INDEX}treffers/{hit.pk}/").status_code == 200
    assert client.post(f"{INDEX}treffers/{hit.pk}/", {"decision": "confirmed", "motivation": "x"}).status_code == 403
    hit.refresh_from_db()
    assert not hit.decision


def test_unknown_subject_and_hit_are_not_found(client, org, demo):
    client.force_login(org.users["civil_servant"])
    assert client.get(f"{INDEX}screening/licence:999/").status_code == 404
    assert client.get(f"{INDEX}treffers/999999/").status_code == 404


def test_demo_loader_is_idempotent(demo):
    count = demo.count()
    assert count >= 4
    assert load_demo() == {}
    assert ScreeningHit.objects.filter(subject=DEMO_SUBJECT).count() == count


def test_the_hit_index_names_a_file_only_to_those_who_may_see_it(client, org, demo_list, team, handler, applicant):
    """A civil servant of another department may use the screening pages, but the screenings of a
    licence file (its reference, its hit counts) are for those who may see the file."""
    from chancery.procedures.testing import apply_for_licence
    from chancery.strategic_goods.models import NameAlias
    from chancery.strategic_goods.services import screen_parties

    case = apply_for_licence(applicant)
    alias = NameAlias.objects.exclude(whole_name="").first()
    screen_parties(case.reference, [(alias.whole_name, "")])
    hit = ScreeningHit.objects.filter(subject=case.reference).first()
    assert hit is not None
    other_department = org.users["civil_servant"]
    assert not case.is_visible_to(other_department) and case.is_visible_to(handler)
    for user, sees in ((other_department, False), (handler, True), (org.users["secretariat"], True)):
        client.force_login(user)
        assert (case.reference in client.get(INDEX).content.decode()) == sees
        assert client.get(f"{INDEX}screening/{case.reference}/").status_code == (200 if sees else 404)
        assert client.get(f"{INDEX}treffers/{hit.pk}/").status_code == (200 if sees else 404)
        assert ScreeningHit.objects.visible_to(user).filter(subject=case.reference).exists() == sees


def test_a_country_hit_reads_in_the_readers_language(client, org, demo):
    """The embargo of a country hit in Dutch on every page that shows it (the country's Dutch name, the
    Council act as the Dutch Official Journal cites it), in English for a reader who chose English;
    the recorded wording is the service's (Dutch), whoever screened."""
    hit = demo.get(list_id="ARMS-EMBARGO-BY")
    dutch = "Wit-Rusland — wapenembargo (volledig; Besluit 2012/642/GBVB van de Raad)"
    english = "Belarus — arms embargo (full; Council Decision 2012/642/CFSP)"
    assert hit.listed_name == dutch
    client.force_login(org.users["civil_servant"])
    pages = [f"{INDEX}treffers/{hit.pk}/", f"{INDEX}screening/{DEMO_SUBJECT}/"]
    for url in pages:
        page = client.get(url).content.decode()
        assert dutch in page and "Council Decision" not in page and "CFSP" not in page, url
    client.cookies["chancery_language"] = "en"
    for url in pages:
        page = client.get(url).content.decode()
        assert english in page and "GBVB" not in page, url
    screened = client.get(INDEX, {"naam": "Bakkerij Janssens", "land": "BY"}).content.decode()
    assert english in screened
