"""The API's rate limit (api/throttling.py): a sliding window estimated from two fixed-window
counters in the shared cache. Worked cases at 3 per minute, on a clock the test moves; the cache
holds two integers per client whatever the rate."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches

from chancery.api.throttling import PerClientThrottle


@pytest.fixture
def clock(monkeypatch):
    now = SimpleNamespace(value=6000.0)  # the start of a minute window (6000 = 100 × 60)
    monkeypatch.setattr(PerClientThrottle, "timer", lambda self: now.value)
    monkeypatch.setattr(PerClientThrottle, "THROTTLE_RATES", {"anonymous": "3/min", "token": "5/min"})
    caches["shared"].clear()
    yield now
    caches["shared"].clear()


def ask(address="192.0.2.9"):
    throttle = PerClientThrottle()
    request = SimpleNamespace(auth=None, user=AnonymousUser(), META={"REMOTE_ADDR": address})
    return throttle.allow_request(request, None), throttle.wait()


def test_three_per_minute_then_refused_with_the_wait_until_a_slot_frees(db, clock):
    assert [ask()[0] for _ in range(3)] == [True, True, True]
    allowed, wait = ask()
    assert allowed is False and wait == 60  # no earlier window: the whole current one
    clock.value += 59.5
    assert ask() == (False, 1)
    # Another client has its own count.
    assert ask("192.0.2.10")[0] is True


def test_the_previous_window_counts_for_the_share_still_inside_the_sliding_window(db, clock):
    assert all(ask()[0] for _ in range(3))
    clock.value += 90  # half-way through the next window: 3 × 0.5 = 1.5 of the previous still count
    assert ask()[0] is True  # 1 + 1.5 = 2.5 ≤ 3
    allowed, wait = ask()  # 1 + 1.5 + 1 = 3.5 > 3
    assert allowed is False
    # One more fits once the previous window counts for 1 (3 × 1/3): a third of it still inside,
    # 10 s later (it is half now).
    assert wait == 10
    clock.value += 9
    assert ask()[0] is False
    clock.value += 1
    assert ask()[0] is True
    clock.value += 60  # two windows on: only the window just passed counts, for its remaining share
    assert ask()[0] is True


def test_the_cache_holds_two_counters_per_client_whatever_the_rate(db, clock, monkeypatch):
    monkeypatch.setattr(PerClientThrottle, "THROTTLE_RATES", {"anonymous": "100000/min", "token": "5/min"})
    for _ in range(500):
        ask()
    clock.value += 60
    for _ in range(20):
        ask()
    cache = caches["shared"]
    counters = cache.get_many([f"throttle:anonymous:192.0.2.9:{w}" for w in (100, 101)])
    assert counters == {"throttle:anonymous:192.0.2.9:100": 500, "throttle:anonymous:192.0.2.9:101": 20}
