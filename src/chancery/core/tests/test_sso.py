"""Single sign-on (core.sso) against a real OpenID Connect provider started on loopback
(`oidc-provider` from npm, core/tests/oidc): login, role and entity mapping, refusals, tampered,
expired and misaddressed ID tokens, a replayed state, logout at the provider."""

from __future__ import annotations

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.test import Client

from chancery.core.models import AuditAction, AuditEntry, ExternalIdentity, Role, User
from chancery.core.tests import oidc

SERVER = "http://testserver"
CALLBACK = f"{SERVER}/login/sso/terug/"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def provider():
    started = oidc.start([CALLBACK], [f"{SERVER}/"])
    yield started
    started.stop()


@pytest.fixture
def sso(settings, provider, org):
    provider.set_users(oidc.USERS)
    oidc.configure(settings, provider)
    return provider


class Browser:
    """One person's browser: Django's test client for Chancery, a requests session for the provider."""

    def __init__(self, provider):
        self.provider = provider
        self.chancery = Client()
        self.at_provider = requests.Session()

    def start(self, next_url: str = "") -> str:
        answer = self.chancery.get("/login/sso/" + (f"?next={next_url}" if next_url else ""))
        assert answer.status_code == 302
        return answer["Location"]

    def callback_for(self, login: str, next_url: str = "") -> str:
        authorize = self.start(next_url)
        return self.provider.sign_in(self.at_provider, authorize, login, oidc.USERS[login]["password"], CALLBACK)

    def come_back(self, callback: str):
        return self.chancery.get(callback.removeprefix(SERVER))

    def log_in(self, login: str, next_url: str = ""):
        return self.come_back(self.callback_for(login, next_url))

    @property
    def user(self) -> User | None:
        key = self.chancery.session.get(SESSION_KEY)
        return User.objects.get(pk=key) if key else None


def test_off_by_default_and_the_local_login_stays(client, org):
    page = client.get("/login/")
    assert page.status_code == 200
    assert b"/login/sso/" not in page.content
    assert client.get("/login/sso/").status_code == 404
    assert client.get("/login/sso/terug/?code=x&state=y").status_code == 404
    user = org.users["secretariat"]
    user.set_password("een-lokaal-wachtwoord")
    user.save()
    answer = client.post("/login/", {"username": user.username, "password": "een-lokaal-wachtwoord"})
    assert answer.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_the_login_page_offers_the_provider_beside_the_local_login(client, sso):
    page = client.get("/login/?next=/app/zaken/").content.decode()
    assert 'href="/login/sso/?next=/app/zaken/"' in page
    assert "Aanmelden via Test-identiteitsprovider" in page
    assert 'name="password"' in page


def test_the_request_carries_pkce_state_and_nonce(sso):
    authorize = Browser(sso).start()
    assert authorize.startswith(f"{sso.issuer}/auth?")
    params = oidc.query(authorize)
    assert params["response_type"] == "code"
    assert params["client_id"] == oidc.CLIENT_ID
    assert params["redirect_uri"] == CALLBACK
    assert params["code_challenge_method"] == "S256" and len(params["code_challenge"]) >= 43
    assert len(params["state"]) >= 20 and len(params["nonce"]) >= 20
    assert set(params["scope"].split()) == {"openid", "profile", "email", "chancery"}


def test_first_login_makes_the_account_with_the_mapped_role_and_entity(sso, org):
    browser = Browser(sso)
    answer = browser.log_in("anna", next_url="/app/zaken/")
    assert answer.status_code == 302 and answer["Location"] == "/app/zaken/"
    user = browser.user
    assert (user.username, user.role, user.entity.code) == ("anna", Role.SECRETARIAT, "t-sec")
    assert (user.first_name, user.last_name, user.email) == ("Anna", "Aerts", "anna@example.org")
    assert not user.has_usable_password()
    identity = ExternalIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject) == (sso.issuer, "anna")
    created = AuditEntry.objects.for_object(user).get()
    assert created.action == AuditAction.CREATE and created.after["role"] == "secretariat"
    # The session is a real one: the back office opens.
    assert browser.chancery.get("/app/zaken/").status_code == 200


def test_roles_of_other_applications_are_ignored(sso, org):
    browser = Browser(sso)
    browser.log_in("bram")
    assert (browser.user.role, browser.user.entity.code) == (Role.CABINET, "t-cab-a")


def test_a_next_address_elsewhere_is_not_followed(sso):
    answer = Browser(sso).log_in("anna", next_url="https://elders.example/")
    assert answer.status_code == 302 and answer["Location"] == "/"


def test_a_role_changed_at_the_provider_applies_at_the_next_login(sso, org):
    first = Browser(sso)
    first.log_in("anna")
    user = first.user
    assert user.role == Role.SECRETARIAT
    changed = {"anna": {**oidc.USERS["anna"], "claims": {**oidc.USERS["anna"]["claims"], "role": "chancery-ambtenaar"}}}
    sso.set_users(changed)
    # Until the next login, the session keeps the account as it is.
    user.refresh_from_db()
    assert user.role == Role.SECRETARIAT
    again = Browser(sso)
    assert again.log_in("anna").status_code == 302
    assert again.user.pk == user.pk
    user.refresh_from_db()
    assert user.role == Role.CIVIL_SERVANT
    change = AuditEntry.objects.for_object(user).filter(action=AuditAction.UPDATE).get()
    assert (change.before["role"], change.after["role"]) == ("secretariat", "civil_servant")


@pytest.mark.parametrize(
    ("login", "shown"),
    [
        ("carl", "Uw rol bij de identiteitsprovider (chancery-superbeheerder) geeft geen toegang tot Chancery."),
        ("dirk", "Uw entiteit bij de identiteitsprovider (OVO999999) is niet gekend in Chancery."),
        ("eva", "De identiteitsprovider heeft niet gezegd welke rol u in Chancery hebt."),
    ],
)
def test_an_unknown_role_or_entity_is_refused_with_a_page_and_an_audit_entry(sso, login, shown):
    users_before = User.objects.count()
    browser = Browser(sso)
    answer = browser.log_in(login)
    assert answer.status_code == 403
    page = answer.content.decode()
    assert "Geen toegang tot Chancery" in page and shown in page
    assert browser.user is None
    assert User.objects.count() == users_before  # no account, so no default role either
    identity = ExternalIdentity.objects.get(issuer=sso.issuer, subject=login)
    assert identity.user is None
    refusal = AuditEntry.objects.for_object(identity).get()
    assert refusal.action == AuditAction.REFUSAL and refusal.reason == shown
    assert refusal.after == {
        "entity": oidc.USERS[login]["claims"]["entity"],
        **({"role": oidc.USERS[login]["claims"]["role"]} if "role" in oidc.USERS[login]["claims"] else {}),
    }


def test_an_account_whose_role_is_withdrawn_keeps_nothing_and_is_refused(sso, org):
    Browser(sso).log_in("anna")
    user = User.objects.get(username="anna")
    withdrawn = {"anna": {**oidc.USERS["anna"], "claims": {**oidc.USERS["anna"]["claims"], "role": "oud-personeel"}}}
    sso.set_users(withdrawn)
    browser = Browser(sso)
    assert browser.log_in("anna").status_code == 403
    assert browser.user is None
    user.refresh_from_db()
    assert user.role == Role.SECRETARIAT  # not changed, and not used: no session
    refusal = AuditEntry.objects.filter(action=AuditAction.REFUSAL).get()
    assert refusal.actor == user


def test_a_closed_account_is_refused(sso, org):
    Browser(sso).log_in("anna")
    User.objects.filter(username="anna").update(is_active=False)
    browser = Browser(sso)
    answer = browser.log_in("anna")
    assert answer.status_code == 403 and "Uw account in Chancery is afgesloten." in answer.content.decode()
    assert browser.user is None


def test_a_local_account_with_the_same_name_is_not_taken_over(sso, org):
    local = User.objects.create_user("anna", password="lokaal-wachtwoord-123", role=Role.ADMIN)
    browser = Browser(sso)
    browser.log_in("anna")
    assert browser.user.pk != local.pk
    assert browser.user.username.startswith("sso-") and browser.user.role == Role.SECRETARIAT


@pytest.mark.parametrize(
    ("mode", "because"), [("tamper", "bad_signature"), ("expired", "expired_token"), ("audience", "'aud'")]
)
def test_an_id_token_tampered_expired_or_for_another_audience_is_refused(sso, caplog, mode, because):
    browser = Browser(sso)
    callback = browser.callback_for("anna")
    sso.next_id_token(mode)
    answer = browser.come_back(callback)
    assert answer.status_code == 400
    assert because in caplog.text  # refused for that reason, not another
    assert "Aanmelden is mislukt" in answer.content.decode()
    assert browser.user is None
    assert not User.objects.filter(username="anna").exists()
    assert not ExternalIdentity.objects.exists()


def test_a_replayed_state_is_refused(sso):
    browser = Browser(sso)
    callback = browser.callback_for("anna")
    assert browser.come_back(callback).status_code == 302
    browser.chancery.post("/logout/")
    assert browser.user is None
    # The same answer again, in the same browser: its state was used up.
    assert browser.come_back(callback).status_code == 400
    assert browser.user is None
    # ... and in another browser (an attacker's, or a victim's fed a link: login CSRF).
    other = Browser(sso)
    assert other.come_back(callback).status_code == 400
    assert other.user is None


def test_an_answer_meant_for_another_browser_is_refused(sso):
    victim, attacker = Browser(sso), Browser(sso)
    attacker_callback = attacker.callback_for("carl")
    victim.start()  # the victim has a sign-in under way, with a state of its own
    assert victim.come_back(attacker_callback).status_code == 400
    assert victim.user is None


def test_logout_ends_the_session_here_and_at_the_provider(sso):
    browser = Browser(sso)
    browser.log_in("anna")
    answer = browser.chancery.post("/logout/")
    assert browser.user is None
    assert answer.status_code == 302
    end_session = answer["Location"]
    assert end_session.startswith(f"{sso.issuer}/session/end?")
    params = oidc.query(end_session)
    assert params["post_logout_redirect_uri"] == f"{SERVER}/"
    assert params["id_token_hint"].count(".") == 2
    back = sso.end_session(browser.at_provider, end_session)
    assert back.startswith(f"{SERVER}/")
    # The provider forgot the person: the next sign-in asks for the password again.
    authorize = browser.start()
    page = browser.at_provider.get(authorize, allow_redirects=True, timeout=10)
    assert 'name="password"' in page.text


def test_a_local_logout_stays_here(sso, client, org):
    client.force_login(org.users["secretariat"])
    answer = client.post("/logout/")
    assert answer.status_code == 302 and answer["Location"] == "/"


def test_administrators_see_who_signed_in_through_the_provider(sso, client, org):
    Browser(sso).log_in("anna")
    client.force_login(org.users["admin"])
    page = client.get("/admin/core/externalidentity/")
    assert page.status_code == 200 and "anna" in page.content.decode()
    assert client.get("/admin/core/externalidentity/add/").status_code == 403
