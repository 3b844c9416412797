"""What every list of the API costs in queries, read with a token that sees it, against the
baselines in query_counts.json (chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records them).
Every collection registered on the router is measured (a new one needs its baseline), and none may
grow with the rows."""

from pathlib import Path

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from chancery.api import subscriptions
from chancery.api.models import ApiToken
from chancery.api.urls import router
from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.decisions.testing import decision_making
from chancery.foreign_network.testing import network_round
from chancery.grants.models import Programme
from chancery.grants.testing import apply, fire, grants_handler, open_call, programme, reviewer, to_assessed
from chancery.investment_screening.testing import notify
from chancery.licensing.testing import case_files
from chancery.monitoring.testing import programme_tree
from chancery.regulation.testing import register_round

# What each collection shows, built by a round of the app's data, and who reads it (default: the
# secretariat). The control list is reference data loaded by its migration.
BUILDERS = {
    "meeting": "decisions", "agendaitem": "decisions", "decision": "decisions", "dossier": "decisions",
    "document": "decisions", "publication": "decisions", "ambition": "monitoring", "programme": "monitoring",
    "indicator": "monitoring", "case": "cases", "licence": "cases", "webhook": "webhooks", "controllistentry": None,
    "webhook-deliveries": "deliveries", "regulation": "regulation", "post": "network", "fdinotification": "screening",
    "grant": "grants", "call": "grants",
}  # fmt: skip
READERS = {"case": "handler", "licence": "handler", "fdinotification": "handler"}
BASENAMES = [basename for _prefix, _viewset, basename in router.registry]

PAGES = [
    Page("api:root", lambda d: reverse("api:root"), None),
    *(
        Page(f"api:{basename}-list", lambda d, name=basename: reverse(f"api:{name}-list"), None, scales=True)
        for basename in BASENAMES
    ),
    # The delivery log of a subscription: the events of each round's releases.
    Page("api:webhook-deliveries", lambda d: reverse("api:webhook-deliveries", args=[d["hook"].pk]), None, scales=True),
]


EVENTS = ["meeting.released", "documents.released"]


def test_every_collection_has_its_builder():
    assert sorted(BUILDERS) == sorted([*BASENAMES, "webhook-deliveries"])


@pytest.fixture
def users(org, handler, colleague, applicant):
    return {**org.users, "handler": handler, "colleague": colleague}


def build(what: str | None, users: dict, token: ApiToken, round_: int) -> None:
    if what == "decisions":
        decision_making(users["org"], round_)
    elif what == "monitoring":
        programme_tree(users["org"], round_)
    elif what == "network":
        network_round(users["org"], round_)
    elif what == "cases":
        case_files(users, round_)
    elif what == "webhooks":
        for n in range(3):
            url = f"https://example.org/hook/{round_}/{n}"
            subscriptions.subscribe(token, url=url, event_types=["meeting.released"])
    elif what == "regulation":
        register_round(users["org"], round_)
    elif what == "screening":
        for n in range(3):
            notify(
                users["applicant"],
                investor_country=("HK", "US", "CN")[n],
                owners=[{"name": f"UBO {round_}", "country": "CN"}],
            )
    elif what == "grants":
        handler = grants_handler()
        fund = Programme.objects.filter(code="mensenrechtenfonds").first() or programme(handler)
        call = open_call(handler, fund, title=f"Oproep {round_}")
        case = apply(users["applicant"], call)
        to_assessed(handler, case, [reviewer(f"t-jurylid-{round_}-{n}") for n in range(2)])
        fire(case, "award", handler, "Toegekend.")
    elif what == "deliveries":
        decision_making(users["org"], round_)  # its releases: an event, delivered to each subscription


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_list(page, users, org, themes, demo_list, query_counts):
    basename = page.key.removeprefix("api:").removesuffix("-list")
    reader = users[READERS.get(basename, "secretariat")]
    token, key = ApiToken.issue(reader, ["read-public", "read-internal", "webhooks"], name="counts")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    what = BUILDERS.get(basename)
    context = {**users, "org": org}
    data = {"users": users, "hook": subscriptions.subscribe(token, url="https://example.org/log", event_types=EVENTS)}
    build(what, context, token, 0)
    check_page(client, page, data, query_counts, more=lambda: build(what, context, token, 1))


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
