"""The API's links: each route reversed once per answer (api.serializers.Routes) and filled in per
object must give exactly what django's reverse gives, also under a script prefix."""

import uuid

import pytest
from django.test import RequestFactory
from django.urls import reverse, set_script_prefix

from chancery.api import serializers


@pytest.fixture
def routes():
    return serializers.Routes(RequestFactory().get("/api/v1/decisions"))


CASES = [
    ("api:decision-detail", [7]),
    ("api:decision-detail", [7301946285]),  # the marker itself
    ("portal:meeting", [uuid.uuid4()]),
    ("portal:decision", [uuid.uuid4(), uuid.uuid4()]),  # two arguments of one type
    ("api:webhook-deliveries", [12]),
    ("api:controllistentry-detail", ["ML22.a"]),  # a str argument: reversed as usual
    ("api:root", []),
]


@pytest.mark.parametrize(("name", "args"), CASES)
def test_each_link_is_what_reverse_gives(routes, name, args):
    for _twice in range(2):  # the second from the kept template
        assert routes.reverse(name, args) == reverse(name, args=args)
    assert routes.absolute(name, args) == "http://testserver" + reverse(name, args=args)


def test_only_one_reverse_per_route(routes, monkeypatch):
    calls = []
    real = serializers.reverse
    monkeypatch.setattr(serializers, "reverse", lambda name, args=(): calls.append(name) or real(name, args=args))
    paths = [routes.reverse("portal:decision", [uuid.uuid4(), uuid.uuid4()]) for _ in range(50)]
    assert len(set(paths)) == 50 and calls == ["portal:decision"]


def test_under_a_script_prefix():
    set_script_prefix("/chancery/")
    try:
        routes = serializers.Routes(RequestFactory().get("/chancery/api/v1/decisions"))
        assert routes.reverse("api:decision-detail", [3]) == "/chancery/api/v1/decisions/3"
        assert routes.reverse("api:decision-detail", [3]) == reverse("api:decision-detail", args=[3])
    finally:
        set_script_prefix("/")
