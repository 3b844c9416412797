"""The register of vision notes and futures studies: overdue computed, dates checked, who keeps it,
and adding milestones from the initiative page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from chancery.monitoring.models import Milestone, VisionNote
from chancery.monitoring.services import visions


def test_register_and_overdue(client, org):
    today = timezone.localdate()
    secretariat, dept = org.users["secretariat"], org.entities["dept"]
    late = visions.register(secretariat, title="Afrikavisie", kind="geographic", owner=dept,
                            last_update=today - datetime.timedelta(days=800),
                            planned_update=today - datetime.timedelta(days=70))  # fmt: skip
    visions.register(secretariat, title="Toekomstverkenning 2040", kind="futures", owner=dept,
                     last_update=today, planned_update=today + datetime.timedelta(days=365))  # fmt: skip
    assert late.days_overdue(today) == 70
    client.force_login(org.users["expert"])
    page = client.get(reverse("monitoring:vision_notes")).content.decode()
    assert "1 nota is aan een update toe." in page and "70 dagen te laat" in page
    assert page.index("Afrikavisie") < page.index("Toekomstverkenning 2040")  # overdue first
    visions.updated(secretariat, late, on=today, next_update=today + datetime.timedelta(days=730))
    assert VisionNote.objects.get(pk=late.pk).days_overdue(today) == 0


def test_refusals_change_nothing(org):
    today = timezone.localdate()
    dept = org.entities["dept"]
    with pytest.raises(PermissionDenied):
        visions.register(org.users["expert"], title="X", kind="thematic", owner=dept, last_update=today,
                         planned_update=today)  # fmt: skip
    with pytest.raises(ValidationError):
        visions.register(org.users["secretariat"], title="X", kind="thematic", owner=dept, last_update=today,
                         planned_update=today - datetime.timedelta(days=1))  # fmt: skip
    with pytest.raises(ValidationError):
        later = today + datetime.timedelta(days=3)
        visions.register(org.users["secretariat"], title="X", kind="thematic", owner=dept, last_update=later,
                         planned_update=later + datetime.timedelta(days=6))  # fmt: skip
    assert not VisionNote.objects.exists()


def test_register_form(client, org):
    client.force_login(org.users["secretariat"])
    url = reverse("monitoring:vision_notes")
    bad = client.post(url, {"title": "Visie EU-uitbreiding", "kind": "geographic", "owner": org.entities["dept"].pk,
                            "last_update": "2026-01-01", "planned_update": "2025-01-01"})  # fmt: skip
    assert bad.status_code == 400 and "De volgende update komt na de vorige." in bad.content.decode()
    good = client.post(url, {"title": "Visie EU-uitbreiding", "kind": "geographic", "owner": org.entities["dept"].pk,
                             "last_update": "2026-01-01", "planned_update": "2027-01-01"})  # fmt: skip
    assert good.status_code == 302 and VisionNote.objects.get().title == "Visie EU-uitbreiding"


def test_add_milestone_from_the_initiative_page(client, tree, org):
    url = reverse("monitoring:milestone_add", args=[tree[2].code])
    client.force_login(org.users["expert"])
    client.post(url, {"title": "Stiekem", "due": "2026-05-01"})
    assert not Milestone.objects.exists()
    client.force_login(org.users["civil_servant"])
    client.post(url, {"title": "Partners gekozen", "due": "2026-05-01"})
    assert Milestone.objects.get().title == "Partners gekozen"


def test_the_secretariat_sets_up_initiatives(client, tree, org):
    url = reverse("monitoring:initiative_create")
    client.force_login(org.users["civil_servant"])
    assert client.get(url).status_code == 403
    client.force_login(org.users["secretariat"])
    data = {"parent": tree[1].pk, "code": "ka1-oostgrens-tweede", "title": "Tweede oproep",
            "summary": "Nog een oproep.", "lead_entity": org.entities["dept"].pk, "public": "on"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    from chancery.monitoring.models import Initiative

    made = Initiative.objects.get(code="ka1-oostgrens-tweede")
    assert made.level == "project" and made.parent == tree[1] and made.public
    taken = client.post(url, data)
    assert taken.status_code == 400 and "is al in gebruik" in taken.content.decode()
    under_project = client.post(url, {**data, "parent": made.pk, "code": "te-diep"})
    assert under_project.status_code == 400 and not Initiative.objects.filter(code="te-diep").exists()
