"""The search index: one row per searchable thing that has a public page (a decided item, a
document on an item). Who may find a row is decided live by its source's confidentiality
(`visible_to`), never copied: a release is searchable the moment it commits."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet


class SearchKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    DOCUMENT = "document", _("Document")


class SearchEntry(models.Model):
    key = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=10, choices=SearchKind.choices)
    item = models.ForeignKey("decisions.AgendaItem", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey("core.Document", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey("decisions.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.TextField()
    body = models.TextField(blank=True)
    # The analysed text (stems) both engines match on.
    title_index = models.TextField()
    body_index = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    date = models.DateField(db_index=True)
    year = models.PositiveSmallIntegerField(db_index=True)
    ministers = models.ManyToManyField("core.Mandatee", related_name="+", blank=True)
    document_kind = models.CharField(max_length=32, blank=True)
    # PostgreSQL only (stays empty on SQLite, which uses the FTS5 table of migration 0002).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title[:80]


class SearchNode(models.Model):
    """A machine that keeps its own copy of the search index (`CHANCERY_SEARCH_NODE`, one per web
    machine; a single machine is the one node "local"). Registered when it first builds its index;
    from then on every change is listed stale for it until its own indexer has written it. Its row is
    also the lock that keeps that node to one indexer at a time, and holds the generation its readers
    reload on."""

    name = models.CharField(primary_key=True, max_length=64)
    generation = models.PositiveBigIntegerField(default=0)
    joined_at = models.DateTimeField(auto_now_add=True)
    synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("search node")
        verbose_name_plural = _("search nodes")

    def __str__(self) -> str:
        return self.name


class StaleSearchEntry(models.Model):
    """An entry whose form in one node's search index may be out of date (search.tantivy_index):
    searched in the database on that node until its indexer has written it. A list per node, not a
    shared flag or one high-water mark: the node that writes first must not clear another's work, and
    a change committed late with an earlier number must not fall below a mark already passed. A table
    of its own, not a flag on the entry: updating the wide entry row would rewrite its full-text index
    entries too. `token` changes with every marking, so that the indexer never clears an entry that
    changed again while it wrote. `entry_id` is not a foreign key: a deleted entry stays listed until
    the indexer has taken it out."""

    node = models.ForeignKey(SearchNode, on_delete=models.CASCADE, related_name="stale_entries")
    entry_id = models.BigIntegerField()
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("stale search entry")
        verbose_name_plural = _("stale search entries")
        constraints = [models.UniqueConstraint(fields=["node", "entry_id"], name="portal_stale_once_per_node")]

    def __str__(self) -> str:
        return f"entry {self.entry_id} on {self.node_id}"
