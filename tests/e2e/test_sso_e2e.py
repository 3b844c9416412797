"""Single sign-on in a real browser: the login page's button, the provider's own login page
(`oidc-provider` from npm on loopback, core/tests/oidc), back in Chancery with the mapped role; the
logout ends the session at the provider too."""

import pytest
from playwright.sync_api import expect

from chancery.core.models import Role, User
from chancery.core.tests import oidc

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def provider(live_server, settings, org):
    started = oidc.start([f"{live_server.url}/login/sso/terug/"], [f"{live_server.url}/"])
    oidc.configure(settings, started)
    yield started
    started.stop()


def test_log_in_and_out_through_the_identity_provider(page, live_server, provider):
    page.goto("/login/?next=/app/zaken/")
    page.get_by_role("link", name="Aanmelden via Test-identiteitsprovider").click()

    # The provider's own page, at its own address.
    page.wait_for_url(f"{provider.issuer}/interaction/**")
    page.get_by_label("Login").fill("anna")
    page.get_by_label("Password").fill(oidc.USERS["anna"]["password"])
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(f"{live_server.url}/app/zaken/")
    expect(page.locator(".user-name")).to_contain_text("Anna Aerts (Secretarie)")
    user = User.objects.get(username="anna")
    assert (user.role, user.entity.code) == (Role.SECRETARIAT, "t-sec")

    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_url(f"{provider.issuer}/session/end**")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{live_server.url}/**")
    expect(page.get_by_role("banner").get_by_role("link", name="Aanmelden")).to_be_visible()

    # Signed out at the provider as well: signing in again asks for the password.
    page.goto("/login/")
    page.get_by_role("link", name="Aanmelden via Test-identiteitsprovider").click()
    page.wait_for_url(f"{provider.issuer}/interaction/**")
    expect(page.get_by_label("Password")).to_be_visible()
