"""The benchmark generator works (at a tiny scale): every kind of row, the search index filled by
the engine, embargoed and confidential items present but invisible to the public."""

import io
import json

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from chancery.core.models import Document, DocumentVersion, User
from chancery.decisions.models import AgendaItem, Meeting
from chancery.monitoring.models import BudgetLine, Initiative, Milestone, Observation
from chancery.portal.models import SearchEntry, StaleSearchEntry
from chancery.portal.search.service import search
from chancery.portal.search.tantivy_index import schema
from chancery.procedures import registry
from chancery.procedures.models import Case, CaseTransition, ClockPeriod


def test_generate_at_a_tiny_scale(db, org):
    out = io.StringIO()
    call_command("generate", scale=0.004, stdout=out, stderr=io.StringIO())
    report = json.loads(out.getvalue())
    counts = report["counts"]
    assert counts["decisions.Meeting"] == 4 == Meeting.objects.count()
    assert counts["decisions.AgendaItem"] == AgendaItem.objects.count() > 0
    assert DocumentVersion.objects.count() >= Document.objects.count() > 0
    assert report["rows_per_s"] > 0 and report["rows"] == sum(counts.values())
    assert AgendaItem.objects.filter(access_level="confidential").exists()
    assert AgendaItem.objects.filter(release_state="planned").exists()  # the newest meeting is embargoed
    assert SearchEntry.objects.count() == counts["portal.SearchEntry"]
    # The monitoring of a recovery plan (bench/generate_monitoring.py): a tree of ambitions,
    # programmes and projects with milestones, budgets and indicators of twenty years on them.
    for level in ("ambition", "programme", "project"):
        assert Initiative.objects.filter(level=level).count() >= 2, level
    assert Initiative.objects.filter(
        level="project", parent__level="programme", parent__parent__level="ambition"
    ).exists()
    assert counts["monitoring.Milestone"] == Milestone.objects.count() >= 2
    assert set(Milestone.objects.values_list("status", flat=True)) > {"done"}
    assert BudgetLine.objects.filter(initiative__level="project").exists()
    assert Observation.objects.filter(indicator__initiatives__level="project").count() >= 2 * 20
    assert Initiative.objects.visible_to(None).filter(level="ambition").exists()
    # The public index is built as part of the run: nothing stale, so the index answers alone.
    assert schema.available() and not StaleSearchEntry.objects.exists()
    results = search(AnonymousUser(), "regering")
    assert results.total > 0
    hidden = SearchEntry.objects.exclude(item__access_level="public").values_list("pk", flat=True)
    hidden = set(hidden) | set(SearchEntry.objects.filter(item__release_state="planned").values_list("pk", flat=True))
    everything = search(AnonymousUser(), "regering OR de OR het OR van", page=1)
    assert everything.total > 0 and not {hit.pk for hit in everything.hits} & hidden
    assert (
        everything.total
        == SearchEntry.objects.exclude(pk__in=hidden)
        .filter(
            pk__in=[
                e.pk
                for e in SearchEntry.objects.all()
                if {"regering", "de", "het", "van"} & set(e.title_index.split() + e.body_index.split())
            ]
        )
        .count()
    )
    _the_generated_cases(counts)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def _the_generated_cases(counts):
    """The procedures' files (bench/generate_cases.py): every state of every procedure, each case's
    history ending in its state, clocks, handlers and the unassigned; a company with many files; the
    inbox and the counter list take as many queries for a long list as for a short one."""
    assert counts["procedures.Case"] == Case.objects.count() == 400
    seen = set(Case.objects.values_list("procedure", "state").distinct())
    for procedure in registry.all_procedures():
        assert {(procedure.code, s.code) for s in procedure.states} <= seen, procedure.code
    assert counts["procedures.CaseTransition"] == CaseTransition.objects.count() > 400
    assert ClockPeriod.objects.exists() and Case.objects.filter(due_on__isnull=False).exists()
    assert Case.objects.filter(within_term=True).exists() and Case.objects.filter(within_term=False).exists()
    assert Case.objects.filter(handlers=None).exists() and Case.objects.filter(handlers__isnull=False).exists()
    # Each case's last step lands in its state.
    last = dict(CaseTransition.objects.order_by("at", "pk").values_list("case", "target"))
    states = dict(Case.objects.values_list("pk", "state"))
    assert all(states[pk] == target for pk, target in last.items())
    company = Case.objects.filter(applicant__name="Bench Grootbedrijf NV")
    assert company.count() == 200 and company.filter(applicant_user__username="bench-aanvrager").count() == 200

    # The inbox's queries do not grow with its rows: more open licence cases assigned to the handler,
    # more left unassigned, the same number of queries (one procedure, so the same flags and clocks).
    handler = User.objects.get(username="bench-behandelaar-1")
    inbox = Client()
    inbox.force_login(handler)
    open_csg = Case.objects.open().filter(procedure="CSG")
    mine, unassigned = "/app/zaken/?tab=mine&procedure=CSG", "/app/zaken/?tab=unassigned&procedure=CSG"
    before = {url: _queries(inbox, url) for url in (mine, unassigned, "/app/zaken/?tab=team")}
    assert open_csg.filter(handlers=handler).exists() and open_csg.filter(handlers=None).exists()
    others = list(open_csg.exclude(handlers=handler).exclude(handlers=None)[:20])
    for case in others[:10]:
        case.handlers.set([handler])
    for case in others[10:]:
        case.handlers.clear()
    assert {url: _queries(inbox, url) for url in before} == before
    # The counter list of the company's representative (200 files) as of an account with a few.
    counter = Client()
    counter.force_login(User.objects.get(username="bench-aanvrager"))
    small = (
        User.objects.filter(username__startswith="bench-aanvrager-", filed_cases__isnull=False)
        .annotate(n=Count("filed_cases"))
        .order_by("n")
        .first()
    )
    assert small.n < 10
    short = Client()
    short.force_login(small)
    assert _queries(counter, "/loket/") == _queries(short, "/loket/")
    for url in ("/app/zaken/statistieken/", "/app/zaken/werklast/"):
        assert inbox.get(url).status_code == 200


def test_the_release_of_a_generated_meeting_is_all_or_nothing_and_found_at_once(db, org):
    """What the bench times (bench/run.py measure_release), at a tiny size: a failing release leaves
    nothing released; a release is found by public search before the indexer runs."""
    import importlib.util
    from pathlib import Path

    from django.conf import settings

    spec = importlib.util.spec_from_file_location("bench_run", Path(settings.BASE_DIR) / "bench" / "run.py")
    bench_run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_run)
    _seconds, checks = bench_run.measure_release(0.004, item_count=6, docs_per=2)
    assert checks["nothing_released_when_it_fails"] is True
    assert checks["items"] == 6 and checks["documents"] == 12
    assert checks["released_items"] == checks["public_items"] > 0
    assert checks["found_by_public_search"] == checks["public_found_expected"]


def test_the_monitoring_tree_is_added_to_an_archive_without_it_and_measured(db, org):
    """bench/run.py on an archive made before the tree: generate_monitoring adds it once; what
    bench/monitoring.py measures answers (the dashboard, filtered, the public pages)."""
    import importlib.util
    import sys
    from pathlib import Path

    from django.conf import settings

    bench = Path(settings.BASE_DIR) / "bench"
    sys.path.insert(0, str(bench))
    try:
        spec = importlib.util.spec_from_file_location("bench_generate_monitoring", bench / "generate_monitoring.py")
        generator = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(generator)
        assert not generator.present()
        report = generator.generate_monitoring(0.004, seed=3)
        assert generator.present() and report["rows"] == sum(report["counts"].values()) > 0
        assert report["sizes"] == generator.sizes(0.004)
        spec = importlib.util.spec_from_file_location("bench_monitoring", bench / "monitoring.py")
        measuring = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(measuring)
        figures = measuring.measure(rounds=1)
    finally:
        sys.path.remove(str(bench))
    for key in ("dashboard_p95_ms", "dashboard_filtered_p95_ms", "public_progress_p95_ms"):
        assert figures[key] > 0, key
    assert len(figures["monitoring_queries"]) == 5
