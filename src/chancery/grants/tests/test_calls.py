"""Calls: their criteria with the default pass marks, the moments in Europe/Brussels, publication,
and bad input refused with nothing stored."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from chancery.grants.models import Call
from chancery.grants.services import programmes
from chancery.grants.testing import open_call

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def test_a_call_has_criteria_with_default_pass_marks(call):
    assert call.state == "published" and call.is_open()
    assert call.pass_mark_total == Decimal("0.50")
    assert [(c.weight, c.max_score, c.pass_mark) for c in call.criteria.all()] == [
        (2, 20, Decimal("0.50")), (1, 20, Decimal("0.50")), (1, 20, Decimal("0.50"))]  # fmt: skip


def test_the_closing_moment_is_brussels_time(grants, fund):
    closes = datetime.datetime(2026, 3, 31, 17, 0, tzinfo=BRUSSELS)
    call = open_call(grants, fund, opens_at=closes - datetime.timedelta(days=30), closes_at=closes, year=2026)
    assert timezone.localtime(call.closes_at).hour == 17
    assert call.is_open(closes - datetime.timedelta(microseconds=1))
    assert not call.is_open(closes)
    assert call.phase(closes) == "closed"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"title": " "}, "title"),
        ({"max_grant_cents": 0}, "max_grant_cents"),
        ({"criteria": []}, "criteria"),
        ({"criteria": [{"name": "X", "weight": 0}]}, "criteria"),
        ({"criteria": [{"name": "X", "pass_mark": "1.5"}]}, "criteria"),
        ({"year": 2031}, "year"),
        ({"pass_mark_total": Decimal("2")}, "pass_mark_total"),
    ],
)
def test_a_bad_call_is_refused_in_dutch_and_nothing_is_stored(grants, fund, changes, field):
    now = timezone.now()
    arguments = dict(
        year=timezone.localdate().year, title="Oproep", objectives="Doel", eligible_applicants="Iedereen",
        eligible_costs="Alles", max_grant_cents=100, opens_at=now, closes_at=now + datetime.timedelta(days=1),
        criteria=[{"name": "Relevantie"}],
    )  # fmt: skip
    arguments.update(changes)
    with pytest.raises(ValidationError) as refused:
        programmes.create_call(grants, fund, **arguments)
    assert field in refused.value.message_dict
    assert not Call.objects.exists()


def test_a_call_closing_before_it_opens_is_refused(grants, fund):
    now = timezone.now()
    with pytest.raises(ValidationError) as refused:
        open_call(grants, fund, opens_at=now, closes_at=now)
    assert "closes_at" in refused.value.message_dict


def test_only_published_calls_are_visible_to_the_public(grants, fund, call):
    from django.contrib.auth.models import AnonymousUser

    draft = open_call(grants, fund, title="Nog niet gepubliceerd", publish=False)
    assert set(Call.objects.visible_to(AnonymousUser())) == {call}
    assert set(Call.objects.visible_to(grants)) == {call, draft}
