"""The tests' OpenID Connect provider: `oidc-provider` from npm (package-lock.json), started on a
loopback port by `provider.mjs` beside this file. Not a mock: its login page, its tokens signed with
its own keys, its session and end-session endpoint are the library's."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.conf import settings

SCRIPT = Path(__file__).with_name("provider.mjs")
CLIENT_ID = "chancery"
CLIENT_SECRET = "chancery-test-client-secret"

# The users the provider knows; their claims carry a role and an entity as the provider calls them.
USERS = {
    "anna": {
        "password": "anna-wachtwoord",
        "claims": {
            "preferred_username": "anna",
            "given_name": "Anna",
            "family_name": "Aerts",
            "email": "anna@example.org",
            "role": "chancery-secretariaat",
            "entity": "OVO000001",
        },
    },
    # Roles of other applications beside Chancery's: those are ignored.
    "bram": {
        "password": "bram-wachtwoord",
        "claims": {
            "preferred_username": "bram",
            "role": ["mandatendatabank-lezer", "chancery-kabinet"],
            "entity": "OVO000002",
        },
    },
    "carl": {"password": "carl-wachtwoord", "claims": {"role": "chancery-superbeheerder", "entity": "OVO000001"}},
    "dirk": {"password": "dirk-wachtwoord", "claims": {"role": "chancery-secretariaat", "entity": "OVO999999"}},
    "eva": {"password": "eva-wachtwoord", "claims": {"entity": "OVO000001"}},
}
# Chancery's configuration for them (CHANCERY_OIDC_ROLES, CHANCERY_OIDC_ENTITIES).
ROLES = {
    "chancery-secretariaat": "secretariat",
    "chancery-kabinet": "cabinet",
    "chancery-ambtenaar": "civil_servant",
}
ENTITIES = {"OVO000001": "t-sec", "OVO000002": "t-cab-a"}


class Provider:
    def __init__(self, process: subprocess.Popen, issuer: str, workdir: str):
        self.process, self.issuer, self.workdir = process, issuer, workdir

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def set_users(self, users: dict) -> None:
        requests.post(f"{self.issuer}/_test/users", json=users, timeout=10).raise_for_status()

    def next_id_token(self, mode: str) -> None:
        requests.post(f"{self.issuer}/_test/next-id-token", json={"mode": mode}, timeout=10).raise_for_status()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def sign_in(self, browser: requests.Session, authorize_url: str, login: str, password: str, back_to: str) -> str:
        """Goes through the provider's pages as a browser would (its login form when it has no
        session for `browser`); returns the address it sends the browser back to (under `back_to`)."""
        url = authorize_url
        for _step in range(10):
            if url.startswith(back_to):
                return url
            answer = browser.get(url, allow_redirects=False, timeout=10)
            if answer.is_redirect:
                url = urljoin(url, answer.headers["Location"])
                continue
            assert answer.status_code == 200, answer.text
            assert 'name="password"' in answer.text, answer.text
            action = answer.text.split('action="', 1)[1].split('"', 1)[0]
            answer = browser.post(
                urljoin(url, action), data={"login": login, "password": password}, allow_redirects=False, timeout=10
            )
            assert answer.is_redirect, answer.text
            url = urljoin(url, answer.headers["Location"])
        raise AssertionError(f"the provider did not send the browser back: {url}")

    def end_session(self, browser: requests.Session, end_session_url: str) -> str:
        """Confirms the provider's logout page as a browser would; returns where it sends the browser."""
        page = browser.get(end_session_url, allow_redirects=False, timeout=10)
        assert page.status_code == 200, page.text
        form = page.text.split("<form", 1)[1].split("</form>", 1)[0]
        action = form.split('action="', 1)[1].split('"', 1)[0]
        fields = dict(
            (part.split('name="', 1)[1].split('"', 1)[0], part.split('value="', 1)[1].split('"', 1)[0])
            for part in form.split("<input")[1:]
            if 'name="' in part and 'value="' in part
        )
        answer = browser.post(
            urljoin(end_session_url, action), data={**fields, "logout": "yes"}, allow_redirects=False, timeout=10
        )
        assert answer.is_redirect, answer.text
        return answer.headers["Location"]


def start(redirect_uris: list[str], post_logout_redirect_uris: list[str], users: dict | None = None) -> Provider:
    node = shutil.which("node")
    node_modules = Path(settings.NODE_MODULES)
    if node is None or not (node_modules / "oidc-provider").is_dir():
        pytest.fail(
            f"The single sign-on tests need Node.js and oidc-provider in {node_modules}: run `npm ci` (make test does)."
        )
    workdir = tempfile.mkdtemp(prefix="chancery-oidc-")
    config = Path(workdir) / "config.json"
    config.write_text(
        json.dumps(
            {
                "node_modules": str(node_modules),
                "clients": [
                    {
                        "client_id": CLIENT_ID,
                        "client_secret": CLIENT_SECRET,
                        "redirect_uris": redirect_uris,
                        "post_logout_redirect_uris": post_logout_redirect_uris,
                    }
                ],
                "users": users or USERS,
            }
        )
    )
    process = subprocess.Popen(  # noqa: S603 - our script, our config
        [node, str(SCRIPT), str(config)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    line = process.stdout.readline()  # its address, once it listens
    if not line:
        process.kill()
        pytest.fail("The test identity provider did not start (node src/chancery/core/tests/oidc/provider.mjs).")
    return Provider(process, json.loads(line)["issuer"], workdir)


def configure(settings, provider: Provider, **extra) -> None:
    """Chancery's settings for `provider` (pytest-django's `settings` fixture)."""
    settings.CHANCERY_OIDC_DISCOVERY_URL = provider.discovery_url
    settings.CHANCERY_OIDC_CLIENT_ID = CLIENT_ID
    settings.CHANCERY_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.CHANCERY_OIDC_SCOPES = "openid profile email chancery"
    settings.CHANCERY_OIDC_PROVIDER_NAME = "Test-identiteitsprovider"
    settings.CHANCERY_OIDC_ROLES = ROLES
    settings.CHANCERY_OIDC_ENTITIES = ENTITIES
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {**directives, "form-action": [*directives["form-action"], provider.issuer]},
    }
    for name, value in extra.items():
        setattr(settings, name, value)


def query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
