"""A milestone's status form carries the revision its editor saw; a stale one is refused with the
Dutch conflict message and changes nothing (issue 13, docs/ARCHITECTURE.md "Optimistic locking,
one way"): a page loaded before a milestone was marked done must not set it back."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from chancery.core.models import AuditEntry
from chancery.monitoring.models import Milestone
from chancery.monitoring.services import milestones


def test_a_stale_milestone_status_form_is_refused_and_changes_nothing(client, tree, org):
    milestone = Milestone.objects.create(initiative=tree[2], title="Studie", due=datetime.date(2026, 6, 1))
    client.force_login(org.users["secretariat"])
    page_url = reverse("monitoring:initiative", args=[tree[2].code])
    url = reverse("monitoring:milestone_status", args=[milestone.pk])
    page = client.get(page_url).content.decode()
    form = re.search(rf'<form[^>]*action="{re.escape(url)}".*?</form>', page, re.S).group(0)
    seen = int(re.search(r'name="revision" value="(\d+)"', form).group(1))
    assert client.post(url, {"status": "done", "revision": seen}).status_code == 302
    # The second editor's page still says "not started": saving "in progress" would undo "done".
    response = client.post(url, {"status": "in_progress", "revision": seen}, follow=True)
    assert "Iemand anders heeft deze mijlpaal intussen gewijzigd" in response.content.decode()
    milestone.refresh_from_db()
    assert (milestone.status, milestone.revision) == ("done", seen + 1)
    entries = AuditEntry.objects.filter(object_id=str(milestone.pk)).count()
    with pytest.raises(ValidationError) as refused:
        milestones.set_status(org.users["secretariat"], milestone, "dropped", reason="x", expected_revision=seen)
    assert refused.value.code == "conflict"
    assert Milestone.objects.get().status == "done"
    assert AuditEntry.objects.filter(object_id=str(milestone.pk)).count() == entries
    client.post(url, {"status": "in_progress", "revision": seen + 1})
    assert Milestone.objects.get().status == "in_progress"
