"""What the home page, the organisation and the document screens cost in queries, against the
baselines in query_counts.json (chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records them).
Lists must not grow with rows."""

from pathlib import Path

import pytest
from django.urls import reverse

from chancery.core import services, signing
from chancery.core.models import AccessLevel
from chancery.core.pki import create_authority
from chancery.core.testing import pdf_upload
from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page

PASS = "mijn-handtekening-42"

PAGES = [
    Page("home", lambda d: reverse("home"), None),
    Page("home:secretariat", lambda d: reverse("home"), scales=True),
    Page("organisation", lambda d: reverse("organisation"), None),
    Page("document_list", lambda d: reverse("document_list"), scales=True),
    Page("document_detail", lambda d: d["signed"].get_absolute_url()),
    Page("signing_inbox", lambda d: reverse("signing_inbox"), "signer", scales=True),
    Page("signing_act", lambda d: reverse("signing_act", args=[d["request"].pk]), "signer"),
]


def documents(org, round_: int) -> dict:
    """A round of documents: a public note in two versions, a confidential one for the concerned
    minister, and a decision signed by the Minister-President and waiting for the second signer."""
    secretariat, cabinet = org.users["secretariat"], org.users["cabinet_concerned"]
    note = services.create_document(
        cabinet, title=f"Nota {round_}", kind="note", access_level=AccessLevel.PUBLIC, upload=pdf_upload()
    )
    services.add_version(cabinet, note, pdf_upload(text="Tweede versie"), reason="Verbeterd")
    services.create_document(
        cabinet, title=f"Geheime nota {round_}", access_level=AccessLevel.CONFIDENTIAL, upload=pdf_upload(),
        concerned_mandatees=[org.mandatees["a"]],
    )  # fmt: skip
    decision = services.create_document(
        secretariat, title=f"Beslissing {round_}", kind="decision", access_level=AccessLevel.INTERNAL_COUNCIL,
        upload=pdf_upload("beslissing.pdf", "De Vlaamse Regering beslist."),
    )  # fmt: skip
    first, second = org.users["minister_concerned"], org.users["minister_other"]
    flow = signing.start_flow(secretariat, decision, [first, second])
    signing.sign(first, flow.requests.get(signer=first), PASS)
    return {"signed": decision, "request": flow.requests.get(signer=second)}


@pytest.fixture
def data(org, tmp_path, settings):
    authority = create_authority("Chancery test CA")
    (tmp_path / "ca.pem").write_text(authority.certificate_pem)
    settings.CHANCERY_SIGNING_TRUST_ROOTS = [str(tmp_path / "ca.pem")]
    for user, name in ((org.users["minister_concerned"], "Anna Aerts"), (org.users["minister_other"], "Bram Bosmans")):
        signing.register_credential(user, *authority.issue(name, PASS))
    users = {"secretariat": org.users["secretariat"], "signer": org.users["minister_other"]}
    return {**documents(org, 0), "users": users, "org": org}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    check_page(client, page, data, query_counts, more=lambda: documents(data["org"], 1))


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
