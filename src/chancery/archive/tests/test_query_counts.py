"""What the archive's pages cost in queries, against the baseline in query_counts.json
(chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records it). They must not grow with lists,
holds and items."""

import datetime
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from chancery.archive.models import DestructionItem, DestructionList, LegalHold
from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.procedures.models import Case

PAGES = [
    Page("archive:index", lambda d: reverse("archive:index"), "archivist", scales=True),
    Page("archive:list", lambda d: d["list"].get_absolute_url(), "archivist", scales=True),
]


def a_round(data, n=[0]):  # noqa: B006 - a counter across rounds
    n[0] += 1
    archivist = data["users"]["archivist"]
    day = datetime.date(2010, 1, 1)
    other = DestructionList.objects.create(number=f"VL-T-{n[0]}", as_of=day, proposed_by=archivist)
    content_type = ContentType.objects.get_for_model(Case)
    for the_list in (other, data["list"]):
        DestructionItem.objects.create(
            destruction_list=the_list, series="procedures.CSG", content_type=content_type, object_id=str(1000 + n[0]),
            identifier=f"CSG-2000-{n[0]:04d}", closed_on=day, expires_on=day, state="struck", struck_by=archivist,
        )  # fmt: skip
    LegalHold.objects.create(
        content_type=content_type, object_id=str(2000 + n[0]), identifier=f"CSG-2001-{n[0]:04d}", reason="Rechtszaak",
        placed_by=archivist,
    )  # fmt: skip


@pytest.fixture
def data(archivists):
    the_list = DestructionList.objects.create(
        number="VL-T-0", as_of=datetime.date(2010, 1, 1), proposed_by=archivists[1]
    )
    data = {"users": {"archivist": archivists[0]}, "list": the_list}
    a_round(data)
    return data


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    check_page(client, page, data, query_counts, more=lambda: a_round(data))


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
