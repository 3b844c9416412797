"""The API's lists made cheaper, the same output: each route reversed once per answer
(api.serializers.Routes) and filled in per object gives exactly what django's reverse gives, also
under a script prefix; each field read as DRF reads it."""

import uuid

import pytest
from django.test import RequestFactory
from django.urls import reverse, set_script_prefix
from rest_framework.request import Request
from rest_framework.serializers import Serializer
from rest_framework.test import APIRequestFactory, force_authenticate

from chancery.api import serializers
from chancery.decisions.testing import decided_meeting
from chancery.portal import api


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


def test_lists_read_fields_as_drf_does(secretariat, meeting, add):
    """LinkedSerializer.to_representation (each field's reader worked out once per list) gives what
    DRF's generic Serializer.to_representation gives, for every collection of decision-making."""
    decided_meeting(secretariat, meeting, add)
    factory = APIRequestFactory()
    for viewset in (api.DecisionViewSet, api.AgendaItemViewSet, api.MeetingViewSet):
        request = factory.get("/api/v1/")
        force_authenticate(request, user=secretariat)
        view = viewset(request=Request(request), format_kwarg=None, action="list", kwargs={})
        view.request.user = secretariat
        objects = list(view.get_queryset())
        assert objects, viewset
        listed = view.get_serializer(objects, many=True)
        assert listed.data == [Serializer.to_representation(listed.child, obj) for obj in objects]
