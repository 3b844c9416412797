"""Agenda items, one copy per agenda version sharing a `lineage`, and the documents put
forward on them with their house numbering."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.models import Confidential
from chancery.core.visibility import ReadableQuerySet
from chancery.decisions.models.dossiers import ProcedureStep
from chancery.decisions.models.meetings import Agenda

if TYPE_CHECKING:
    from chancery.decisions.models.outcomes import Decision


class ItemKind(models.TextChoices):
    NOTE = "note", _("Note")
    ANNOUNCEMENT = "announcement", _("Announcement")


# Notes come before announcements on a Flemish Government agenda.
KIND_ORDER = {ItemKind.NOTE: 1, ItemKind.ANNOUNCEMENT: 2}


class FormalCheck(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet formally checked")
    OK = "ok", _("Formally in order")
    NOT_OK = "not_ok", _("Not formally in order")


class AgendaItem(Confidential):
    """An item (agendapunt) in one agenda version. Its copies in other versions share `lineage`."""

    agenda = models.ForeignKey(Agenda, on_delete=models.PROTECT, related_name="items")
    lineage = models.UUIDField(default=uuid.uuid4, db_index=True)
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_copy")
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices, default=ItemKind.NOTE)
    kind_order = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.TextField(_("title"))
    short_title = models.CharField(_("short title"), max_length=300)
    mandatees = models.ManyToManyField("core.Mandatee", verbose_name=_("submitting ministers"), related_name="+")
    document_number = models.PositiveIntegerField(
        _("document number"), null=True, blank=True, help_text=_("The item's yearly number in the house numbering.")
    )
    step = models.ForeignKey(
        ProcedureStep,
        verbose_name=_("procedure step"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    formal_check = models.CharField(
        _("formal check"), max_length=8, choices=FormalCheck.choices, default=FormalCheck.NOT_YET
    )
    postponed_from = models.ForeignKey(
        "self",
        verbose_name=_("postponed from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="postponed_to",
        help_text=_("The item of an earlier meeting that was postponed to this one."),
    )
    carried_over = models.BooleanField(
        _("carried over"), default=False, help_text=_("Not formally in order at approval: moved to the next version.")
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["agenda", "kind_order", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agenda", "lineage"], name="agenda_item_once_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}: {self.short_title}"

    def save(self, *args, **kwargs):
        self.kind_order = KIND_ORDER[ItemKind(self.kind)]
        super().save(*args, **kwargs)

    @property
    def decision(self) -> Decision | None:
        """The decision in force: the latest version (uses prefetched decisions when there are)."""
        decisions = list(self.decisions.all())
        return max(decisions, key=lambda d: d.version) if decisions else None


class DocumentCounter(models.Model):
    """The yearly counters of the house numbering (DOC, MED, DEC), taken under a row lock."""

    year = models.PositiveSmallIntegerField()
    prefix = models.CharField(max_length=3)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "prefix"], name="document_counter_unique")]

    def __str__(self) -> str:
        return f"{self.prefix} {self.year}: {self.last}"


class ItemDocument(models.Model):
    """A document put forward on an item (geagendeerd stuk). Copied with the item to each version.

    `reference` is the house number, "VR 2026 0412 DOC.0012/2": meeting year and day-month, the
    prefix of the item's kind (DOC for notes, MED for announcements, DEC for decisions), the
    item's yearly number and the document's position on the item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="item_documents")
    document = models.ForeignKey("core.Document", on_delete=models.PROTECT, related_name="agenda_links")
    position = models.PositiveSmallIntegerField(default=1)
    reference = models.CharField(_("number"), max_length=40, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("document on an item")
        verbose_name_plural = _("documents on items")
        ordering = ["item", "position"]
        constraints = [models.UniqueConstraint(fields=["item", "document"], name="item_document_once")]

    def __str__(self) -> str:
        return f"{self.item} — {self.document}"
