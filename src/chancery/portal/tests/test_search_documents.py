"""Every document a reader may see is found, by its title and by the words of its file, from the
moment its text is extracted: documents put on agenda items (the normal way: on the draft, before
the agenda is final), documents of cabinets' submissions, and documents on no item at all. Who finds
which is the document's own read rule: an embargoed or confidential document is never found by
someone not entitled to it. Each test runs three ways: the database alone (no index on this
machine), the index brought up to date before each search, and the index built at the start with
everything since answered by the overlay (the indexer never run again)."""

import shutil

import pytest
from django.contrib.auth.models import AnonymousUser

from chancery.core import services as core_services
from chancery.core.models import AccessLevel, ReleaseState
from chancery.core.testing import pdf_upload
from chancery.decisions import services
from chancery.decisions.models import DecisionResult
from chancery.decisions.testing import release
from chancery.portal.models import SearchEntry, StaleSearchEntry
from chancery.portal.search import service
from chancery.portal.search.tantivy_index import indexer, schema

MODE = {"now": "database"}


@pytest.fixture(autouse=True, params=["database", "index", "overlay"])
def mode(request, search_index, db):
    MODE["now"] = request.param
    if request.param == "overlay":
        indexer.sync()  # built now (empty); what follows is searched through the overlay
    return request.param


def found(user, text):
    if MODE["now"] == "database":
        shutil.rmtree(schema.directory(), ignore_errors=True)
    elif MODE["now"] == "index":
        indexer.sync()
        assert not StaleSearchEntry.objects.exists()
    return sorted(hit.title for hit in service.search(user, text).hits)


@pytest.fixture
def extracted(django_capture_on_commit_callbacks):
    """Run what a change starts on commit (the text extraction of its uploads), as the worker would."""

    def run(work):
        with django_capture_on_commit_callbacks(execute=True):
            return work()

    return run


def decide_and_release(secretariat, meeting):
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    for item in services.final_items(meeting):
        services.record_decision(secretariat, item, result=DecisionResult.APPROVED, text="Goedgekeurd.")
    release(secretariat, meeting, "decisions", "documents")


def test_a_document_put_on_a_draft_item_is_found_after_the_release_by_title_and_text(
    org, secretariat, meeting, add, extracted
):
    item = add(meeting, "Oostgrens", access_level=AccessLevel.PUBLIC)
    secret = add(meeting, "Geheim", access_level=AccessLevel.CONFIDENTIAL)
    extracted(
        lambda: services.attach_document(
            secretariat, item, title="Nota kwantumsluis", upload=pdf_upload(text="De hagelstorm trof de polder.")
        )
    )
    extracted(
        lambda: services.attach_document(
            secretariat, secret, title="Geheime nota", upload=pdf_upload(text="De hagelstorm van vorig jaar.")
        )
    )
    public, civil_servant = AnonymousUser(), org.users["civil_servant"]
    # Before the release: the secretariat finds both at once, the cabinets the public one (as they
    # see it), the public and the civil service nothing (embargo).
    assert found(secretariat, "hagelstorm") == ["Geheime nota", "Nota kwantumsluis"]
    assert found(org.users["cabinet_other"], "hagelstorm") == ["Nota kwantumsluis"]
    for reader in (public, civil_servant):
        assert found(reader, "hagelstorm") == [] and found(reader, "kwantumsluis") == []

    decide_and_release(secretariat, meeting)
    for reader in (public, civil_servant):
        assert found(reader, "hagelstorm") == ["Nota kwantumsluis"]  # by the words of its PDF
        assert found(reader, "kwantumsluis") == ["Nota kwantumsluis"]  # by its title
    # The confidential one: its concerned minister, never the public.
    assert found(org.users["minister_concerned"], "hagelstorm") == ["Geheime nota", "Nota kwantumsluis"]
    assert found(org.users["minister_other"], "hagelstorm") == ["Nota kwantumsluis"]
    entry = SearchEntry.objects.get(title="Nota kwantumsluis")
    assert entry.meeting == meeting and entry.item.agenda.is_final  # found under its meeting


def test_a_submitted_document_is_found_by_the_submitting_cabinet_and_after_the_release_by_all(
    org, secretariat, meeting, extracted
):
    cabinet = org.users["cabinet_concerned"]
    submission = extracted(
        lambda: services.submit(
            cabinet,
            meeting,
            title="Oproep rampenfonds",
            short_title="Rampenfonds",
            mandatees=[org.mandatees["a"]],
            uploads=[pdf_upload("Beleidsnota overstromingen.pdf", "Schade door de overstroming wordt vergoed.")],
        )
    )
    assert found(cabinet, "overstroming") == ["Beleidsnota overstromingen"]
    assert found(org.users["minister_concerned"], "vergoed") == ["Beleidsnota overstromingen"]
    for reader in (AnonymousUser(), org.users["cabinet_other"], org.users["civil_servant"]):
        assert found(reader, "overstroming") == []

    services.accept(secretariat, submission)
    decide_and_release(secretariat, meeting)
    assert found(AnonymousUser(), "overstroming") == ["Beleidsnota overstromingen"]
    assert found(org.users["cabinet_other"], "vergoed") == ["Beleidsnota overstromingen"]


def test_a_document_on_no_item_is_found_by_whoever_may_see_it(org, secretariat, extracted):
    report = extracted(
        lambda: core_services.create_document(
            secretariat,
            title="Jaarrapport uitvoercontrole",
            upload=pdf_upload(text="Het aantal vergunningen steeg."),
            access_level=AccessLevel.INTERNAL_GOVERNMENT,
        )
    )
    named = extracted(
        lambda: core_services.create_document(
            secretariat,
            title="Persoonlijk advies",
            upload=pdf_upload(text="Advies over vergunningen voor de expert."),
            access_level=AccessLevel.CONFIDENTIAL,
            named_users=[org.users["expert"]],
        )
    )
    civil_servant, expert = org.users["civil_servant"], org.users["expert"]
    assert found(secretariat, "vergunning") == ["Jaarrapport uitvoercontrole", "Persoonlijk advies"]
    assert found(org.users["minister_other"], "vergunning") == ["Jaarrapport uitvoercontrole"]
    assert found(civil_servant, "vergunning") == []  # internal to the Government: not yet released
    assert found(expert, "vergunning") == ["Persoonlijk advies"]  # named on it
    core_services.set_release_state(secretariat, report, ReleaseState.CONFIRMED)
    core_services.set_release_state(secretariat, report, ReleaseState.RELEASED)
    assert found(civil_servant, "vergunning") == ["Jaarrapport uitvoercontrole"]
    assert found(civil_servant, "uitvoercontrole") == ["Jaarrapport uitvoercontrole"]
    assert found(AnonymousUser(), "vergunning") == []  # never public
    assert found(org.users["cabinet_other"], "expert") == []
    assert SearchEntry.objects.get(document=named).item is None


def test_a_new_version_is_found_by_its_words_once_its_text_is_extracted(org, secretariat, extracted):
    document = extracted(
        lambda: core_services.create_document(
            secretariat, title="Nota", upload=pdf_upload(text="Eerste ontwerp over dijken.")
        )
    )
    assert found(secretariat, "dijken") == ["Nota"]
    # Before its extraction has run, the document is still found by the words of the version before.
    core_services.add_version(secretariat, document, pdf_upload(text="Tweede ontwerp over duinen."))
    assert found(secretariat, "dijken") == ["Nota"] and found(secretariat, "duinen") == []
    extracted(lambda: core_services.add_version(secretariat, document, pdf_upload(text="Derde ontwerp over duinen.")))
    assert found(secretariat, "duinen") == ["Nota"] and found(secretariat, "dijken") == []
