"""The search index answers every reader, each through their own confidentiality rule: the index's
filter admits exactly the entries the SQL rule admits (role × access level × release state × named
× concerned), a logged-in reader gets from the index the hits and facet counts the database gives
(the theme and phase facets from what that reader may know of the dossiers), every change of the
rule's inputs makes the entry stale in its own transaction, and the live check of each hit shown
holds for logged-in readers too. Run on SQLite and on PostgreSQL (DATABASE_URL) alike."""

import datetime
import itertools
import shutil

import pytest
from django.db import transaction
from django.utils import timezone
from tantivy import Query as TQuery

from chancery.core import services as core_services
from chancery.core.models import AccessLevel, Document, ReleaseState
from chancery.core.testing import make_user
from chancery.decisions import services as decisions
from chancery.decisions.models import AgendaItem
from chancery.decisions.testing import release
from chancery.portal.models import SearchEntry, SearchNode, StaleSearchEntry
from chancery.portal.search import service
from chancery.portal.search.engines import engine
from chancery.portal.search.service import Filters, search, visible_entries
from chancery.portal.search.tantivy_index import indexer, schema, searching
from chancery.portal.tests import test_embargo_matrix as matrix

PUBLIC, SECRET = matrix.PUBLIC, matrix.SECRET
scene = matrix.scene  # noqa: F811 - the matrix fixture, under its own name


@pytest.fixture
def world(scene):
    """The embargo matrix's meeting: a public and a confidential item (concerning minister A), each
    in a dossier under one theme, with a document each (indexed when they were put on the items)."""
    from chancery.decisions.models import ItemDocument

    documents = ItemDocument.objects.filter(item__agenda__is_final=True).values("document")
    assert SearchEntry.objects.filter(kind="document", document__in=documents).count() == 2
    return scene


# Who may be given a grant: named persons of several roles, and the concerned government member A.
GRANTS = ("none", "named", "concerned")
NAMED = ("civil_servant", "expert", "cabinet_other", "applicant")


def readers(org):
    from django.contrib.auth.models import AnonymousUser

    from chancery.core.models import User

    inactive = User.objects.filter(username="t-vertrokken").first()
    if inactive is None:
        inactive = make_user("t-vertrokken", "civil_servant", org.entities["dept"])
        inactive.is_active = False
        inactive.save()
    return {"anonymous": AnonymousUser(), "inactive": inactive, **org.users}


def _grant(row, grant, org):
    if grant == "named":
        row.named_users.set([org.users[role] for role in NAMED])
    elif grant == "concerned":
        row.concerned_mandatees.set([org.mandatees["a"]])


@pytest.fixture
def rule_matrix(org, meeting, add):
    """An item and a document for every access level × release state × grant, each with its search
    entry; the documents' entries hang on an item nobody but the secretariat sees, so that the rule
    must be read from the document. Plus an entry without item or document."""
    secretariat = org.users["secretariat"]
    hidden = add(meeting, "Verborgen", access_level=AccessLevel.INTERNAL_SECRETARIAT)
    day = datetime.date(2026, 12, 4)
    entry = {"title": "stuk", "title_index": "stuk", "url": "/", "date": day, "year": day.year}
    cases = list(itertools.product(AccessLevel.values, ReleaseState.values, GRANTS))
    for level, state, grant in cases:
        item = add(meeting, f"Punt {level} {state} {grant}", access_level=level)
        item.concerned_mandatees.clear()
        _grant(item, grant, org)
        AgendaItem.objects.filter(pk=item.pk).update(release_state=state)
        SearchEntry.objects.create(key=f"item:{item.pk}", kind="decision", item=item, **entry)
        document = Document.objects.create(
            title=f"Stuk {level} {state} {grant}", access_level=level, release_state=state, created_by=secretariat
        )
        _grant(document, grant, org)
        # Every document has its entry from its creation on: hung here on the hidden item.
        SearchEntry.objects.filter(key=f"document:{document.pk}").update(item=hidden, **entry)
    SearchEntry.objects.create(key="orphan", kind="decision", **entry)
    indexer.rebuild()
    return cases


def admitted_by_index(user) -> set[int]:
    generation = SearchNode.objects.get(name=indexer.this_node()).generation
    searcher = searching._reader.searcher(generation)
    rule = searching.rule_query(user)
    result = searcher.search(rule if rule is not None else TQuery.all_query(), limit=10_000)
    return {searcher.doc(address)["id"][0] for _score, address in result.hits}


def test_the_index_filter_admits_what_the_sql_rule_admits(org, rule_matrix):
    assert not StaleSearchEntry.objects.exists()
    admitted = {}
    for role, user in readers(org).items():
        admitted[role] = set(visible_entries(user).values_list("pk", flat=True))
        assert admitted_by_index(user) == admitted[role], role
    # The matrix tells the rules apart (a filter that admitted everything would not pass).
    entries = SearchEntry.objects.count()
    assert entries == 2 * len(rule_matrix) + 1
    assert len(admitted["secretariat"]) == entries  # the entry without a source too
    assert admitted["inactive"] == admitted["anonymous"]
    assert len({frozenset(keys) for keys in admitted.values()}) >= 7
    assert admitted["anonymous"] < admitted["expert"] < admitted["cabinet_other"]
    assert admitted["minister_other"] < admitted["minister_concerned"]


def test_a_minister_who_represents_no_one_is_admitted_by_level_only(org, rule_matrix):
    minister = make_user("t-minister-zonder-mandaat", "minister", org.entities["dept"])
    assert admitted_by_index(minister) == set(visible_entries(minister).values_list("pk", flat=True))


QUERY = f"besluit OR nota OR {PUBLIC.lower()} OR {SECRET.lower()}"
FILTERS = [{}, {"theme": "economie"}, {"phase": "principle_approval:approved"}, {"kind": "document"}, {"year": 2026}]
ROLES = ["anonymous", "secretariat", "minister_concerned", "minister_other", "civil_servant", "expert"]


def answers(org):
    every = readers(org)
    out = {}
    for role in ROLES:
        for filters, sort in itertools.product(FILTERS, ("date", "relevance")):
            results = search(every[role], QUERY, filters=Filters(**filters), sort=sort)
            keys = [hit.key for hit in results.hits]
            # By date the order is exact; by relevance the engines score differently (the set is compared).
            out[role, str(filters), sort] = (keys if sort == "date" else sorted(keys), results.total, results.facets)
    return out


@pytest.mark.parametrize("listed", [True, False], ids=["dossiers listed", "every visible dossier"])
@pytest.mark.parametrize("moment", ["before the release", "after the release"])
def test_every_reader_gets_from_the_index_what_the_database_gives(world, secretariat, org, moment, listed, monkeypatch):
    # The reader's view of the matched dossiers is read by id, or (a broad query) for every dossier
    # they may see: both ways give the same view.
    monkeypatch.setattr(service, "READER_DOSSIERS_LISTED", 500 if listed else 0)
    # The civil servant is named on the confidential item (not on its dossier): they find the item,
    # but its dossier's theme and phase are not theirs to count.
    world["items"][SECRET].named_users.add(org.users["civil_servant"])
    indexer.sync()  # the index as it stood before the release: the overlay answers for the rest
    if moment == "after the release":
        release(secretariat, world["meeting"], "decisions", "documents")
        assert StaleSearchEntry.objects.exists()
    overlay = answers(org)
    shutil.rmtree(schema.directory())
    database = answers(org)
    indexer.sync()
    assert not StaleSearchEntry.objects.exists()
    index = answers(org)
    assert overlay == database
    assert index == database
    # What the comparison covered: readers who see different things, and per-reader facets.
    everything = (database["secretariat", "{}", "date"], database["minister_other", "{}", "date"])
    assert everything[0][1] > everything[1][1] > 0
    phases = {role: database[role, "{}", "date"][2]["phase"] for role in ROLES}
    assert phases["secretariat"] != phases["minister_other"]  # only the secretariat sees the confidential dossier
    assert (
        database["civil_servant", "{}", "date"][1] > 0
        and database["civil_servant", "{}", "date"][2]["theme"] == (database["anonymous", "{}", "date"][2]["theme"])
    )


def test_a_query_matching_more_dossiers_than_the_index_counts_is_answered_by_the_database(
    world, secretariat, org, monkeypatch
):
    # Tantivy returns at most DOSSIER_BUCKETS dossiers and drops the rest silently: a query that
    # fills them would get facet counts cut off. Here the limit is 1 while the query matches 2.
    release(secretariat, world["meeting"], "decisions", "documents")
    indexer.sync()
    shutil.rmtree(schema.directory())
    database = answers(org)
    indexer.sync()
    monkeypatch.setattr(searching, "DOSSIER_BUCKETS", 1)
    assert answers(org) == database


def _index_and_database(org) -> tuple[dict, dict]:
    """Every reader's answers from the index (brought up to date) and from the database alone."""
    indexer.sync()
    assert not StaleSearchEntry.objects.exists()
    index = answers(org)
    shutil.rmtree(schema.directory())
    database = answers(org)
    indexer.sync()
    return index, database


def test_a_change_only_the_administration_sees_makes_every_entry_of_the_dossier_stale(world, secretariat, org):
    # Each reader class's view of a dossier is in the index: the public dossier's step put on the
    # draft agenda of a later meeting changes its phase for the council and the secretariat (not for
    # the public, nor for civil servants: the new item is not released), so every entry of the
    # dossier must be written again, not only the new item's.
    release(secretariat, world["meeting"], "decisions", "documents")
    indexer.sync()
    before = answers(org)
    public_item = world["items"][PUBLIC]
    entries = SearchEntry.objects.filter(item__step__dossier=public_item.step.dossier_id)
    assert entries.count() == 2  # the decided item and its document
    later = decisions.create_meeting(secretariat, starts_at=timezone.make_aware(datetime.datetime(2026, 12, 11, 10)))
    with transaction.atomic():
        decisions.put_step_on_agenda(secretariat, public_item.step, later)
        assert set(StaleSearchEntry.objects.values_list("entry_id", flat=True)) >= set(
            entries.values_list("pk", flat=True)
        )
    overlay = answers(org)
    index, database = _index_and_database(org)
    assert overlay == database
    assert index == database
    # What the comparison covered: the secretariat's phase facet changed, the public's did not.
    key = ("{}", "date")
    assert database["secretariat", *key][2]["phase"] != before["secretariat", *key][2]["phase"]
    assert database["anonymous", *key][2]["phase"] == before["anonymous", *key][2]["phase"]
    assert any(row[0] == "principle_approval:agenda" for row in database["minister_other", *key][2]["phase"])


@pytest.mark.parametrize("on", ["dossier", "step"])
def test_a_reader_named_on_a_dossier_has_their_own_view_of_it(world, secretariat, org, on):
    # A civil servant sees a confidential dossier only if named on it; their class (every civil
    # servant) does not. Their theme and phase facets count it, from their own view of it (a count
    # read from the class's fields alone would leave it out).
    release(secretariat, world["meeting"], "decisions", "documents")
    indexer.sync()
    civil_servant = org.users["civil_servant"]
    item = world["items"][SECRET]
    item.named_users.add(civil_servant)
    dossier = item.step.dossier
    entry = SearchEntry.objects.get(key=f"item:{item.pk}")
    indexer.sync()
    with transaction.atomic():
        dossier.named_users.add(civil_servant)
        if on == "step":
            item.step.named_users.add(civil_servant)
        assert StaleSearchEntry.objects.filter(entry_id=entry.pk).exists()
    overlay = answers(org)
    index, database = _index_and_database(org)
    assert overlay == database
    assert index == database
    theirs, public = database["civil_servant", "{}", "date"][2], database["anonymous", "{}", "date"][2]
    assert theirs["theme"] != public["theme"]  # the confidential dossier counted under its theme
    if on == "step":
        # Their phase of it: its step, now theirs to see, decided in the released meeting.
        assert theirs["phase"] != public["phase"]


def _found(user, text: str = "") -> set[str]:
    return {hit.key for hit in search(user, text or SECRET.lower()).hits}


CHANGES = {
    # change → (the reader it concerns, the change on the item or document)
    "named_users": ("civil_servant", lambda row, org: row.named_users.add(org.users["civil_servant"])),
    "concerned_mandatees": ("minister_other", lambda row, org: row.concerned_mandatees.add(org.mandatees["b"])),
    "access_level": ("minister_other", None),
}


@pytest.mark.parametrize("source", ["item", "document"])
@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_of_the_rules_inputs_makes_the_entry_stale(world, secretariat, org, source, change):
    release(secretariat, world["meeting"], "decisions", "documents")
    indexer.sync()
    item = AgendaItem.objects.get(pk=world["items"][SECRET].pk)
    row = item if source == "item" else Document.objects.get(title=f"Nota {SECRET}")
    entry = SearchEntry.objects.get(key=f"{source}:{row.pk}")
    role, make = CHANGES[change]
    reader = org.users[role]
    assert entry.key not in _found(reader)
    with transaction.atomic():
        if make is not None:
            make(row, org)
        elif source == "item":
            row.access_level = AccessLevel.INTERNAL_COUNCIL
            row.save()
        else:
            core_services.change_document(secretariat, row, reason="Ruimer", access_level=AccessLevel.INTERNAL_COUNCIL)
        # In the transaction of the change, not after it.
        assert StaleSearchEntry.objects.filter(entry_id=entry.pk).exists()
    assert entry.key in _found(reader)  # at once (the overlay)
    indexer.sync()
    assert not StaleSearchEntry.objects.exists()
    assert entry.key in _found(reader)  # from the index
    if make is not None:
        # Taking the grant away again (a clear of the links) makes it stale too.
        getattr(row, change).clear()
        assert StaleSearchEntry.objects.filter(entry_id=entry.pk).exists()
        assert entry.key not in _found(reader)
        indexer.sync()
        assert entry.key not in _found(reader)


def test_a_document_released_by_another_meeting_is_made_stale(world, secretariat):
    """A document on items of two meetings has one entry, under the meeting that indexed it last; a
    release of the other meeting changes it too."""
    from chancery.decisions.models import ItemDocument

    link = ItemDocument.objects.get(document__title=f"Nota {PUBLIC}")
    entry = SearchEntry.objects.get(key=f"document:{link.document_id}")
    indexer.sync()
    # As if indexed under another meeting's item (of another dossier).
    SearchEntry.objects.filter(pk=entry.pk).update(meeting=None, item=None)
    release(secretariat, world["meeting"], "documents")
    assert StaleSearchEntry.objects.filter(entry_id=entry.pk).exists()


def test_a_hit_the_index_holds_wrongly_is_never_shown_to_a_logged_in_reader(world, secretariat, org):
    release(secretariat, world["meeting"], "decisions", "documents")
    indexer.sync()
    civil_servant = org.users["civil_servant"]
    item = world["items"][PUBLIC]
    assert f"item:{item.pk}" in _found(civil_servant, PUBLIC.lower())
    # A change that bypasses every signal (a bulk update): the index still admits the entry.
    AgendaItem.objects.filter(pk=item.pk).update(access_level=AccessLevel.INTERNAL_COUNCIL)
    assert f"item:{item.pk}" not in _found(civil_servant, PUBLIC.lower())
    # ...and it is made stale, so that the indexer writes it again.
    assert StaleSearchEntry.objects.filter(entry_id=SearchEntry.objects.get(key=f"item:{item.pk}").pk).exists()
    indexer.sync()
    assert f"item:{item.pk}" not in _found(civil_servant, PUBLIC.lower())


def test_a_prefix_finds_every_word_it_begins(org):
    """A prefix of more than 50 words in the index (Tantivy's phrase prefix took the first 50 of
    the dictionary, whichever entries held them) finds what the database finds."""
    day = datetime.date(2026, 12, 4)
    for n in range(60):
        word = f"zeehaven{chr(97 + n // 26)}{chr(97 + n % 26)}"
        entry = SearchEntry.objects.create(
            key=f"woord:{n}", kind="decision", title=word, title_index=word, url="/", date=day, year=day.year
        )
        engine().write(entry)  # the database engine's own index (FTS5 table or tsvector)
    secretariat = org.users["secretariat"]  # the entries have no source: only the secretariat sees them
    shutil.rmtree(schema.directory(), ignore_errors=True)
    assert search(secretariat, "zeehaven*").total == 60
    indexer.rebuild()
    assert search(secretariat, "zeehaven*").total == 60
    assert search(secretariat, "zeehavenc*").total == 8


@pytest.mark.django_db(transaction=True)
def test_a_large_indexer_run_leaves_no_dead_rows_in_the_stale_list(monkeypatch):
    """Every search reads the stale list first: after a large run it must not be left full of dead
    rows for each search to scan (PostgreSQL; SQLite reuses its free pages by itself)."""
    from django.db import connection

    monkeypatch.setattr(indexer, "VACUUM_AFTER", 10)
    day = datetime.date(2026, 12, 4)
    for n in range(30):
        SearchEntry.objects.create(key=f"rij:{n}", kind="decision", title="rij", title_index="rij", url="/", date=day,
                                   year=day.year)  # fmt: skip
    # As the generator does; the worker's sync follows the commit (at once, with the tests' tasks).
    indexer.join()  # a machine with an index: the changes are listed for it
    assert indexer.mark_stale(SearchEntry.objects.filter(key__startswith="rij:")) == 30
    indexer.sync()
    assert not StaleSearchEntry.objects.exists()
    assert schema.available()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT n_dead_tup, last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = %s",
                [StaleSearchEntry._meta.db_table],
            )
            assert cursor.fetchone() == (0, True)
