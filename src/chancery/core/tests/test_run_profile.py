"""The demo run is not a debug run, and the demo's accounts are not a way into production."""

import logging
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.test import Client
from django.urls import reverse

from chancery.core.demo.data import DEMO_PASSWORD
from chancery.core.management.commands.serve import run_environment
from chancery.core.models import Role
from chancery.core.testing import make_user
from chancery.core.tests.test_operations import _chancery


@pytest.mark.parametrize("production, signs_in", [(True, False), (False, True)])
def test_the_demo_password_opens_no_account_in_production(db, settings, production, signs_in):
    user = make_user("secretariaat", Role.SECRETARIAT)
    user.set_password(DEMO_PASSWORD)
    user.save()
    settings.PRODUCTION = production
    response = Client().post(reverse("login"), {"username": "secretariaat", "password": DEMO_PASSWORD})
    assert (response.status_code == 302) is signs_in


def test_a_refusal_is_logged_without_a_traceback(client, org, caplog):
    client.force_login(org.users["expert"])
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("admin:index")).status_code in (302, 403)
        assert client.get(reverse("document_create")).status_code == 403
    [record] = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert record.exc_info is None and "Forbidden" in record.getMessage()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_runs_without_debug_pages_and_serves_static_files(tmp_path, monkeypatch):
    """`make run` (chancery serve) under the development profile: our 404 page, not Django's
    technical page listing every URL pattern; static files still served."""
    assert run_environment()["DJANGO_DEBUG"] == "0"
    env = {"DJANGO_ENV": "development", "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path}/run.db"}
    assert _chancery(["migrate", "-v0"], tmp_path, **env).returncode == 0
    port = _free_port()
    monkeypatch.setenv("CHANCERY_VAR_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    server = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "chancery.manage", "serve", "--port", str(port), "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = None
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/bestaat-niet/", timeout=2)  # noqa: S310
            except urllib.error.HTTPError as answer:
                body = answer.read().decode()
                assert answer.code == 404
                break
            except OSError:
                time.sleep(0.2)
        assert body is not None, "the server did not start"
        assert "URLconf" not in body and "Using the URLconf" not in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/chancery.css", timeout=5) as css:  # noqa: S310
            assert css.status == 200
    finally:
        server.terminate()
        server.wait(timeout=20)
