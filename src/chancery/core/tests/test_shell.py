"""The web shell: login, language, navigation, admin access, security headers, throttling."""

import pytest
from django.test import Client
from django.urls import reverse

from chancery.core.testing import PASSWORD


def login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_and_logout(client, org):
    response = login(client, "t-secretariaat")
    assert response.status_code == 302
    html = client.get(reverse("home")).content.decode()
    assert "T-Secretariaat" in html and "Afmelden" in html
    assert client.post(reverse("logout")).status_code == 302
    assert "Aanmelden" in client.get(reverse("home")).content.decode()


def test_wrong_password_gets_a_clear_message(client, org):
    response = login(client, "t-secretariaat", "verkeerd")
    assert response.status_code == 200
    assert "Uw gebruikersnaam en wachtwoord komen niet overeen" in response.content.decode()


def test_repeated_failures_lock_the_login_out(client, org, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "t-ambtenaar", "verkeerd")
    response = login(client, "t-ambtenaar")  # even the right password is refused now
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not affected.
    assert login(Client(), "t-secretariaat").status_code == 302


def test_dutch_by_default_english_on_request(client, org):
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="nl">' in html and "Naar de inhoud" in html
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("organisation")})
    assert response.status_code == 302 and response["Location"] == reverse("organisation")
    html = client.get(reverse("organisation")).content.decode()
    assert '<html lang="en">' in html and "Skip to content" in html and "Members of the Government" in html


def test_every_page_has_the_language_switch_and_landmarks(client, org):
    client.force_login(org.users["secretariat"])
    for url in (reverse("home"), reverse("organisation"), reverse("document_list"), reverse("document_create")):
        html = client.get(url).content.decode()
        assert 'action="/i18n/setlang/"' in html, url
        for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
            assert landmark in html, (url, landmark)


PUBLIC_MODULES = {"Voorpagina", "Beslissingen", "Zoeken", "Organisatie", "Open data"}
INTERNAL_MODULES = {"Zittingen", "Dossiers", "Stukken"}


@pytest.mark.parametrize(
    ("role", "also", "never"),
    [
        ("anonymous", set(), INTERNAL_MODULES | {"Indieningen", "Publicaties", "Beheer", "Handtekeningen"}),
        ("expert", set(), INTERNAL_MODULES | {"Indieningen", "Publicaties", "Beheer"}),
        ("civil_servant", INTERNAL_MODULES, {"Indieningen", "Publicaties", "Beheer"}),
        ("cabinet_concerned", INTERNAL_MODULES | {"Indieningen"}, {"Publicaties", "Beheer"}),
        ("secretariat", INTERNAL_MODULES | {"Indieningen", "Publicaties"}, {"Beheer"}),
        ("admin", INTERNAL_MODULES | {"Indieningen", "Publicaties", "Beheer"}, set()),
    ],
)
def test_navigation_shows_the_modules_a_role_may_open(client, org, role, also, never):
    from chancery.core import navigation

    user = org.users.get(role)
    if user:
        client.force_login(user)
    response = client.get(reverse("home"))
    labels = [str(m.label) for m in response.context["nav_modules"]]
    assert labels[0] == "Voorpagina" and set(labels) >= PUBLIC_MODULES | also
    assert not set(labels) & never
    assert response.context["nav_modules"] == navigation.modules_for(response.wsgi_request.user)
    html = response.content.decode()
    for module in response.context["nav_modules"]:
        assert f'href="{module.url}"' in html


@pytest.mark.parametrize("role", ["secretariat", "minister_concerned", "civil_servant", "expert"])
def test_django_admin_is_for_administrators_only(client, org, role):
    client.force_login(org.users[role])
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_administrator_uses_the_admin_and_changes_are_audited(client, org):
    from chancery.core.models import AuditEntry, Entity

    client.force_login(org.users["admin"])
    assert client.get("/admin/").status_code == 200
    entity = org.entities["dept"]
    response = client.post(
        f"/admin/core/entity/{entity.pk}/change/",
        {
            "code": entity.code,
            "kind": entity.kind,
            "name": "Hernoemd departement",
            "name_en": "",
            "country": "",
            "city": "",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert Entity.objects.get(pk=entity.pk).name == "Hernoemd departement"
    entry = AuditEntry.objects.get(source="admin")
    assert entry.before["name"] == "Testdepartement" and entry.after["name"] == "Hernoemd departement"


def test_superuser_flag_means_administrator_role(db):
    from chancery.core.models import Role, User

    user = User.objects.create_superuser("root", "root@example.invalid", PASSWORD)
    assert user.role == Role.ADMIN and user.is_staff
    other = User.objects.create_user("jan", password=PASSWORD, role=Role.SECRETARIAT, is_staff=True)
    assert not other.is_staff


def test_security_headers(client, org):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_forms_need_a_csrf_token(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.users["secretariat"])
    response = client.post(reverse("document_create"), {"title": "x"})
    assert response.status_code == 403
    assert (
        Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"}).status_code == 403
    )


def test_unknown_pages_answer_404_in_dutch(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404


def test_health(client, db):
    assert client.get(reverse("health")).json() == {"status": "ok"}


def test_browser_language_does_not_override_dutch(client, db):
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="nl">' in html


def test_pages_load_no_front_end_library_they_do_not_use(client, org, settings):
    """htmx (with django-htmx) was loaded on every page and used by none (issue 14): it is gone,
    and a front-end package npm installs for the pages (package.json's dependencies, not the test
    tools) must be used by some template, under the vendor/ address its settings give it."""
    import json
    from pathlib import Path

    client.force_login(org.users["secretariat"])
    for address in (reverse("home"), reverse("decisions:meeting_list"), reverse("portal:decisions")):
        assert "htmx" not in client.get(address).content.decode(), address
    assert not [name for name in (*settings.INSTALLED_APPS, *settings.MIDDLEWARE) if "htmx" in name]
    package = json.loads((Path(settings.BASE_DIR) / "package.json").read_text(encoding="utf-8"))
    templates = " ".join(
        path.read_text(encoding="utf-8") for path in Path(settings.PACKAGE_DIR).rglob("templates/**/*.html")
    )
    unused = [name for name in package.get("dependencies", {}) if f"vendor/{name.split('.')[0]}/" not in templates]
    assert not unused, f"front-end packages no template uses: {unused}"
