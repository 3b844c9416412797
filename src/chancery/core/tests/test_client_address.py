"""Limits key on the client's address, which a forwarded header sets only through a trusted proxy;
the API's counts are kept where every process sees them; the login lockout also stops one address
trying many user names."""

import time

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from chancery.api.throttling import PerClientThrottle
from chancery.core.client import client_address
from chancery.core.models import SharedCacheEntry
from chancery.core.testing import PASSWORD


def _request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.CHANCERY_TRUSTED_PROXIES = []
    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    "remote, forwarded, expected",
    [
        ("10.0.0.2", "198.51.100.9", "198.51.100.9"),  # through our proxy
        ("10.0.0.2", "1.2.3.4, 198.51.100.9", "198.51.100.9"),  # the client's own prefix is not read
        ("10.0.0.2", "198.51.100.9, 10.0.0.3", "198.51.100.9"),  # two proxies of ours
        ("10.0.0.2", "not-an-address", "10.0.0.2"),
        ("10.0.0.2", None, "10.0.0.2"),
        ("203.0.113.7", "198.51.100.9", "203.0.113.7"),  # not a proxy of ours: header ignored
        ("::ffff:10.0.0.2", "198.51.100.9", "198.51.100.9"),
    ],
)
def test_a_trusted_proxy_forwards_the_client(settings, remote, forwarded, expected):
    settings.CHANCERY_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request(remote, forwarded)) == expected


@pytest.fixture
def shared_database_cache(settings):
    """The cache the run profiles use for limits: the database table (the test profile counts in memory)."""
    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "chancery_cache"},
    }
    yield caches["shared"]


@pytest.fixture
def three_a_minute():
    rates = PerClientThrottle.THROTTLE_RATES
    PerClientThrottle.THROTTLE_RATES = {**rates, "anonymous": "3/min"}
    yield
    PerClientThrottle.THROTTLE_RATES = rates


def test_a_made_up_forwarded_header_does_not_escape_the_api_limit(db, shared_database_cache, three_a_minute):
    api = APIClient()
    statuses = [api.get("/api/v1/meetings", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Counted in the database, where every web process reads the same count.
    assert SharedCacheEntry.objects.filter(cache_key__contains="throttle:anonymous:127.0.0.1:").exists()
    other_process = caches.create_connection("shared")
    window = int(time.time() // 60)  # the counter of this minute (or the last, if it just turned)
    counters = other_process.get_many([f"throttle:anonymous:127.0.0.1:{w}" for w in (window, window - 1)])
    assert sum(counters.values()) == 3  # the three admitted; the refused one is not counted


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(db, settings, shared_database_cache, three_a_minute):
    settings.CHANCERY_TRUSTED_PROXIES = ["127.0.0.1/32"]
    api = APIClient()
    for _ in range(3):
        assert api.get("/api/v1/meetings", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert api.get("/api/v1/meetings", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1").status_code == 429
    assert api.get("/api/v1/meetings", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def _login(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_the_login_lockout_ignores_a_made_up_forwarded_header(org, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "t-ambtenaar", "verkeerd", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert _login(Client(), "t-ambtenaar", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_one_address_trying_many_user_names_is_locked_out(org, settings):
    settings.CHANCERY_LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for n in range(8):  # never twice the same name: no pair reaches its own limit of 5
        _login(Client(), f"geraden-{n}", "verkeerd")
    response = _login(Client(), "t-secretariaat", PASSWORD)
    assert response.status_code == 429 and "Te veel pogingen" in response.content.decode()
    # Another address is not affected.
    assert _login(Client(REMOTE_ADDR="198.51.100.5"), "t-secretariaat", PASSWORD).status_code == 302


@pytest.mark.parametrize("profile", ["development", "production"])
def test_the_run_profiles_count_limits_in_a_shared_store(tmp_path, profile):
    from chancery.core.tests.test_operations import PRODUCTION, _chancery

    env = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path}/p.db"} if profile == "production" else {}
    env["DJANGO_ENV"] = profile
    code = (
        "from django.conf import settings; from django.core.cache import caches;"
        "from chancery.api.throttling import PerClientThrottle;"
        "print(type(PerClientThrottle().cache).__name__, settings.AXES_HANDLER)"
    )
    result = _chancery(["shell", "-c", code], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["DatabaseCache", "chancery.core.lockout.LoginLockout"]


@pytest.mark.parametrize(
    "remote, secure",
    [("203.0.113.7", False), ("10.0.0.2", True)],  # a client saying https itself / our proxy saying it
)
def test_forwarded_proto_is_believed_only_from_a_trusted_proxy(db, settings, remote, secure):
    """With the production header setting, a client that reaches a web process directly over plain
    HTTP and claims `X-Forwarded-Proto: https` is redirected to HTTPS; through our proxy it is not."""
    settings.CHANCERY_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    response = Client(REMOTE_ADDR=remote).get("/", HTTP_X_FORWARDED_PROTO="https")
    if secure:
        assert response.status_code == 200
    else:
        assert response.status_code == 301
        assert response["Location"].startswith("https://")
