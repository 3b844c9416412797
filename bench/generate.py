"""A government's archive at scale, straight into the configured database (`chancery generate --scale N`).

At scale 1.0: 900 meetings over 20 years (45 a year), 60 items each (54,000), 10 documents an item
(540,000) with one to three versions (~1,080,000), decisions, press summaries, the search index, and
the monitoring of a recovery plan (bench/generate_monitoring.py: 7 ambitions, 36 programmes, 181
projects, 1,753 milestones, 500 indicators × 20 years, 5 reference regions each). Smaller scales shrink
everything proportionally. Texts are Dutch: words drawn with their real frequencies from the
memorandum (shared/seeds), plus compounds of them for the long tail, so that search meets text with
the frequency bands of real text. Rows go in with bulk inserts, a batch of meetings per transaction;
the files behind the versions are a few shared blobs (content-addressed storage stores identical
content once, as it would).

The procedures' files (100,000 cases at 1.0) come from bench/generate_cases.py, called at the end.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.util
import random
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

# The memorandum beside the checkout (or in the workplace's shared folder) gives the word frequencies.
SEEDS = next(
    (p for p in (Path(settings.BASE_DIR).parent / "shared" / "seeds", Path("/work/shared/seeds")) if p.exists()),
    Path(settings.BASE_DIR) / "bench" / "seeds",
)
YEARS = 20
MEETINGS_PER_YEAR = 45
ITEMS_PER_MEETING = 60
DOCUMENTS_PER_ITEM = 10
# Share of items per access level (the rest public), and the newest meetings still under embargo.
LEVELS = [("internal_government", 0.05), ("internal_council", 0.05), ("confidential", 0.04)]
EMBARGOED_SHARE = 0.02
BATCH_MEETINGS = 10

FALLBACK_WORDS = (
    "de regering keurt het ontwerp van decreet goed over de exportcontrole van strategische goederen en de "
    "samenwerking met de partners in europa voor het beleid inzake mensenrechten klimaat onderwijs en werk"
)


@dataclass
class Report:
    scale: float
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    index_seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict:
        return {
            "scale": self.scale,
            "rows": self.rows,
            "seconds": round(self.seconds, 1),
            "rows_per_s": round(self.rows / self.seconds) if self.seconds else None,
            # Building the public search index (included in seconds): the worker's job after a load.
            "index_seconds": round(self.index_seconds, 1),
            "counts": dict(self.counts),
        }


class Dutch:
    """Sentences of Dutch words with their frequencies in real text, and their analysed (stemmed)
    form for the index, computed once per word instead of once per occurrence."""

    def __init__(self, rng: random.Random):
        from chancery.portal.search.text import analyse

        seed_text = (
            " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))) if SEEDS.exists() else ""
        )
        counts = Counter(re.findall(r"[a-zà-ÿ]{2,}", (seed_text or FALLBACK_WORDS).lower()))
        self.rng = rng
        self.words = [word for word, _n in counts.most_common()]
        self.weights = [n for _word, n in counts.most_common()]
        nouns = [w for w in self.words if len(w) >= 6][:600]
        # The long tail: compounds as Dutch makes them (exportcontrole, mensenrechtenfonds …).
        self.compounds = sorted({rng.choice(nouns) + rng.choice(nouns) for _ in range(6000)})
        self.analysed = {word: analyse(word) for word in self.words + self.compounds}

    def words_(self, n: int) -> list[str]:
        picked = self.rng.choices(self.words, weights=self.weights, k=n)
        for i in range(0, n, 12):  # about one word in twelve from the long tail
            picked[i] = self.rng.choice(self.compounds)
        return picked

    def text(self, n: int) -> tuple[str, str]:
        """(text, analysed text) of about n words, in sentences."""
        words = self.words_(n)
        sentences, start = [], 0
        while start < len(words):
            length = self.rng.randint(8, 20)
            chunk = words[start : start + length]
            sentences.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + ".")
            start += length
        return " ".join(sentences), " ".join(self.analysed[w] for w in words)

    def title(self, n: int = 8) -> tuple[str, str]:
        words = self.words_(n)
        return (words[0].capitalize() + " " + " ".join(words[1:])), " ".join(self.analysed[w] for w in words)


def cases_module():
    """bench/generate_cases.py, beside this file (the generator is loaded by path, not as a package)."""
    path = Path(__file__).resolve().parent / "generate_cases.py"
    spec = importlib.util.spec_from_file_location("chancery_bench_generate_cases", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bulk(model, rows, report: Report, batch: int = 5000):
    created = model.objects.bulk_create(rows, batch_size=batch)
    report.counts[model._meta.label] += len(created)
    return created


def _base():
    """The organisation the archive belongs to: reuse what exists, else a minimal one."""
    from chancery.core.models import Entity, Mandatee, Person, Role, User

    entity = Entity.objects.filter(kind="department").first() or Entity.objects.create(
        code="bench-departement", kind="department", name="Departement (bench)"
    )
    user = User.objects.filter(role__in=[Role.SECRETARIAT, Role.ADMIN]).first()
    if user is None:
        user = User.objects.create_user("bench-secretariaat", role=Role.SECRETARIAT, entity=entity)
    mandatees = list(Mandatee.objects.all()[:12])
    if not mandatees:
        for n in range(9):
            person = Person.objects.create(first_name=f"Minister{n}", last_name="Bench")
            mandatees.append(
                Mandatee.objects.create(
                    person=person,
                    title="Vlaams minister",
                    portfolio="Bench",
                    precedence=n + 1,
                    start=datetime.date(2000, 1, 1),
                )  # fmt: skip
            )
    return entity, user, mandatees


def _blobs(user) -> list[tuple[str, str, int]]:
    """Three small PDFs in the document store, shared by all generated versions: (name, sha256, size)."""
    from chancery.core import samples
    from chancery.core.models import DocumentVersion

    storage = DocumentVersion._meta.get_field("file").storage
    blobs = []
    for n in range(3):
        content = samples.make_pdf(f"Gegenereerd stuk {n}", title=f"Bench {n}")
        digest = hashlib.sha256(content).hexdigest()
        name = f"bench/{digest}.pdf"
        if not storage.exists(name):
            storage.save(name, ContentFile(content))
        blobs.append((name, digest, len(content)))
    return blobs


def generate(
    scale: float,
    *,
    seed: int = 2026,
    progress=None,
    meetings: int | None = None,
    items_per: int | None = None,
    docs_per: int | None = None,
    embargoed_only: bool = False,
    with_monitoring: bool = True,
    with_cases: bool | None = None,
) -> Report:
    """The archive at `scale`; the keyword arguments make one particular batch instead (the bench's
    large meeting to release: meetings=1, items_per=80, docs_per=10, embargoed_only=True)."""
    from chancery.core.models import Document, DocumentVersion
    from chancery.decisions.models import (
        KIND_ORDER,
        Agenda,
        AgendaItem,
        Decision,
        ItemDocument,
        ItemKind,
        Meeting,
        PressSummary,
        Theme,
    )
    from chancery.portal.models import SearchEntry
    from chancery.portal.search.tantivy_index import indexer

    started = time.monotonic()
    meetings_asked = meetings
    report = Report(scale)
    rng = random.Random(seed)
    dutch = Dutch(rng)
    entity, user, mandatees = _base()
    blobs = _blobs(user)
    meetings = meetings or max(1, round(YEARS * MEETINGS_PER_YEAR * scale))
    items_per = items_per or max(1, min(ITEMS_PER_MEETING, round(ITEMS_PER_MEETING * min(1.0, scale * 100))))
    docs_per = docs_per or max(1, min(DOCUMENTS_PER_ITEM, round(DOCUMENTS_PER_ITEM * min(1.0, scale * 100))))
    today = timezone.localdate()
    first_day = today - datetime.timedelta(days=365 * YEARS)
    step = (today - first_day).days / meetings
    taken = set(Meeting.objects.values_list("year", "number"))
    embargo_from = meetings - max(1, round(meetings * EMBARGOED_SHARE)) if meetings > 1 else meetings
    themes = list(Theme.objects.values_list("pk", flat=True))
    dossier_pool: list = []  # recent dossiers that a later item may continue
    if embargoed_only:
        embargo_from = 0
    for batch_start in range(0, meetings, BATCH_MEETINGS):
        with transaction.atomic():
            new_meetings = []
            for n in range(batch_start, min(meetings, batch_start + BATCH_MEETINGS)):
                day = first_day + datetime.timedelta(days=round(n * step))
                starts = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10))
                number = 1000 + n  # bench meetings are numbered apart from real ones
                while (day.year, number) in taken:
                    number += 1  # (a meeting number is a small integer: step to the next free one)
                taken.add((day.year, number))
                new_meetings.append(Meeting(year=day.year, number=number, starts_at=starts, state="closed"))
            new_meetings = _bulk(Meeting, new_meetings, report)
            agendas = _bulk(
                Agenda,
                [Agenda(meeting=m, letter="A", sequence=1, status="approved", is_final=True, approved_at=m.starts_at)
                 for m in new_meetings],
                report,
            )  # fmt: skip
            items, meta = [], []
            for index, (meeting, agenda) in enumerate(zip(new_meetings, agendas, strict=True)):
                released = batch_start + index < embargo_from
                for number in range(1, items_per + 1):
                    kind = ItemKind.ANNOUNCEMENT if number > items_per * 0.8 else ItemKind.NOTE
                    level = "public"
                    roll = rng.random()
                    for name, share in LEVELS:
                        if roll < share:
                            level = name
                            break
                        roll -= share
                    title, title_index = dutch.title(rng.randint(8, 16))
                    items.append(AgendaItem(
                        agenda=agenda, lineage=uuid.uuid4(), kind=kind, kind_order=KIND_ORDER[kind], number=number,
                        title=title, short_title=title[:80], formal_check="ok", access_level=level,
                        release_state="released" if released else "planned",
                        released_at=meeting.starts_at if released else None,
                    ))  # fmt: skip
                    meta.append((meeting, title_index))
            _dossiers(items, meta, dossier_pool, themes, rng, user, report)
            items = _bulk(AgendaItem, items, report)
            through = AgendaItem.mandatees.through
            _bulk(through, [through(agendaitem_id=i.pk, mandatee_id=rng.choice(mandatees).pk) for i in items], report)
            decisions, summaries, entries = [], [], []
            documents, doc_meta = [], []
            for item, (meeting, title_index) in zip(items, meta, strict=True):
                text, text_index = dutch.text(rng.randint(30, 80))
                decisions.append(Decision(item=item, result="approved" if item.kind == "note" else "acknowledged",
                                          text=text, decided_by=user, decided_at=meeting.starts_at))  # fmt: skip
                summary, summary_index = dutch.text(rng.randint(50, 120))
                summaries.append(PressSummary(item=item, text=summary))
                day = timezone.localtime(meeting.starts_at).date()
                entries.append(SearchEntry(
                    key=f"item:{item.pk}", kind="decision", item=item, meeting=meeting,
                    title=f"{item.short_title}. {item.title}", body=f"{text}\n{summary}", title_index=title_index,
                    body_index=f"{text_index} {summary_index}",
                    url=f"/besluiten/{meeting.uuid}/punten/{item.lineage}/", date=day, year=day.year,
                ))  # fmt: skip
                for _n in range(docs_per):
                    doc_title, doc_title_index = dutch.title(rng.randint(5, 12))
                    documents.append(Document(
                        title=doc_title, kind=rng.choice(["note", "advice", "annex", "report", "decision"]),
                        access_level=item.access_level, release_state=item.release_state, released_at=item.released_at,
                        owner_entity=entity, created_by=user, created_at=meeting.starts_at,
                        version_count=rng.choice([1, 1, 2, 2, 2, 3]),
                    ))  # fmt: skip
                    doc_meta.append((item, meeting, doc_title_index))
            _bulk(Decision, decisions, report)
            _bulk(PressSummary, summaries, report)
            documents = _bulk(Document, documents, report)
            versions, links = [], []
            for position, (document, (item, meeting, doc_title_index)) in enumerate(
                zip(documents, doc_meta, strict=True)
            ):
                for number in range(1, document.version_count + 1):
                    name, digest, size = rng.choice(blobs)
                    latest = number == document.version_count
                    body, body_index = dutch.text(rng.randint(150, 400)) if latest else ("", "")
                    versions.append(DocumentVersion(
                        document=document, number=number, file=name,
                        original_filename=f"stuk-{document.pk}-{number}.pdf", file_format="pdf",
                        mime_type="application/pdf", size=size, sha256=digest, uploaded_by=user,
                        uploaded_at=meeting.starts_at, text=body, extraction_state="done",
                    ))  # fmt: skip
                    if latest:
                        day = timezone.localtime(meeting.starts_at).date()
                        entries.append(SearchEntry(
                            key=f"document:{document.pk}", kind="document", item=item, document=document,
                            meeting=meeting, title=document.title, body=body, title_index=doc_title_index,
                            body_index=body_index,
                            url=f"/besluiten/stukken/{document.uuid}/", date=day, year=day.year,
                            document_kind=document.kind,
                        ))  # fmt: skip
                links.append(ItemDocument(item=item, document=document, position=position % docs_per + 1))
            _bulk(DocumentVersion, versions, report)
            _bulk(ItemDocument, links, report)
            entries = _bulk(SearchEntry, entries, report, batch=2000)
            item_minister = dict(
                through.objects.filter(agendaitem__in=items).values_list("agendaitem_id", "mandatee_id")
            )
            entry_through = SearchEntry.ministers.through
            _bulk(entry_through, [entry_through(searchentry_id=e.pk, mandatee_id=item_minister[e.item_id])
                                  for e in entries if e.item_id in item_minister], report)  # fmt: skip
            _index(entries[0].pk, entries[-1].pk)
            # Bulk inserts send no signals: list the new entries for the search index's indexer.
            indexer.mark_stale(SearchEntry.objects.filter(pk__range=(entries[0].pk, entries[-1].pk)))
        if progress:
            progress(min(meetings, batch_start + BATCH_MEETINGS), meetings, report)
    if with_monitoring:
        _monitoring(scale, seed, report)
    if with_cases if with_cases is not None else meetings_asked is None:
        # The procedures' files (bench/generate_cases.py): the whole archive has them, a batch not.
        cases_module().generate_cases(scale, seed, counts=report.counts)
    # Planner statistics for what was just loaded (autovacuum would get there, later).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    index_started = time.monotonic()
    # Only what this run wrote is stale: the worker's sync, not a rebuild, brings the index up to date.
    indexer.sync(batch=20_000)
    report.index_seconds = time.monotonic() - index_started
    report.seconds = time.monotonic() - started
    return report


STEP_KINDS = ["principle_approval", "council_of_state", "final_approval", "other"]
CONTINUED_SHARE = 0.4  # of the notes: a later step of a dossier already on an earlier agenda


def _dossiers(items, meta, pool: list, themes: list, rng: random.Random, user, report: Report) -> None:
    """Dossiers and procedure steps for the notes about to be created (set as their `step`): some
    start a dossier with one or two themes, others take the next step of a recent one, so that the
    theme and phase facets have something real to count."""
    from chancery.decisions.models import Dossier, ItemKind, ProcedureStep

    new, plan = [], []
    for item, (meeting, _title_index) in zip(items, meta, strict=True):
        if item.kind != ItemKind.NOTE:
            continue
        if pool and rng.random() < CONTINUED_SHARE:
            dossier = rng.choice(pool)
        else:
            dossier = Dossier(title=item.title, short_title=item.short_title[:200], created_by=user,
                              created_at=meeting.starts_at, access_level=item.access_level,
                              release_state=item.release_state, released_at=item.released_at)  # fmt: skip
            dossier.generated_steps = 0
            new.append(dossier)
        plan.append((item, dossier, meeting))
    created = _bulk(Dossier, new, report)
    for dossier in created:
        dossier.generated_steps = 0
    link = Dossier.themes.through
    if themes:
        _bulk(link, [link(dossier_id=d.pk, theme_id=t) for d in created
                     for t in rng.sample(themes, rng.choice([1, 1, 2]))], report)  # fmt: skip
    steps = []
    for item, dossier, meeting in plan:
        kind = STEP_KINDS[min(dossier.generated_steps, len(STEP_KINDS) - 1)]
        dossier.generated_steps += 1
        steps.append(ProcedureStep(dossier=dossier, kind=kind, title=item.short_title[:500],
                                   access_level=item.access_level, release_state=item.release_state,
                                   released_at=item.released_at, created_at=meeting.starts_at))  # fmt: skip
    steps = _bulk(ProcedureStep, steps, report)
    for (item, _dossier, _meeting), step in zip(plan, steps, strict=True):
        item.step = step
    pool.extend(created)
    del pool[:-500]


def _index(first: int, last: int) -> None:
    """The engine's own index for a range of new entries, in one statement."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE portal_searchentry SET search_vector = setweight(to_tsvector('simple', title_index), 'A') "
                "|| setweight(to_tsvector('simple', body_index), 'B') WHERE id BETWEEN %s AND %s",
                [first, last],
            )
        else:
            cursor.execute(
                "INSERT INTO portal_search_fts (rowid, title, body) SELECT id, title_index, body_index "
                "FROM portal_searchentry WHERE id BETWEEN %s AND %s",
                [first, last],
            )


def _monitoring(scale: float, seed: int, report: Report) -> None:
    """The monitoring of a recovery plan (bench/generate_monitoring.py): the tree of ambitions,
    programmes and projects with their milestones, budgets and indicators of twenty years."""
    path = Path(__file__).with_name("generate_monitoring.py")
    spec = importlib.util.spec_from_file_location("chancery_bench_generate_monitoring", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate_monitoring(scale, seed, counts=report.counts)
