"""Moments in filters are compared in UTC: an offset ISO 8601 allows but PostgreSQL refuses
(beyond ±15:59) is no server error, and a moment that leaves the calendar is a 400."""

import datetime

from django.urls import reverse
from rest_framework.test import APIClient


def test_far_offsets_are_answered(db):
    client = APIClient()
    url = reverse("api:meeting-list")
    response = client.get(url, {"starts_after": "2053-04-11T09:36:12.48-18:24"})
    assert response.status_code == 200 and response.json()["results"] == []
    assert client.get(url, {"starts_before": "0001-01-01T00:00:00+05:00"}).status_code == 400
    moment = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=-20)))
    assert client.get(url, {"starts_after": moment.isoformat()}).status_code == 200
