"""The archive's records: destruction lists and their items, and legal holds.

A destruction item names what it destroys by its type and identifier (a file's reference, a
document's UUID) and its dates, never by its content: after destruction the item is what is left
of the record, and the audit trail says the same."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet


class ListState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    CARRIED_OUT = "carried_out", _("Carried out")


class DestructionList(models.Model):
    """A destruction list (vernietigingslijst): proposed by the system on the archivist's request,
    approved by another archivist, then carried out."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    state = models.CharField(_("state"), max_length=12, choices=ListState.choices, default=ListState.PROPOSED)
    as_of = models.DateField(_("retention computed on"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    carried_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("carried out by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    carried_out_at = models.DateTimeField(_("carried out"), null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("destruction list")
        verbose_name_plural = _("destruction lists")
        ordering = ["-proposed_at", "-pk"]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("archive:list", args=[self.number])


class ItemState(models.TextChoices):
    PROPOSED = "proposed", _("On the list")
    STRUCK = "struck", _("Struck off")
    DESTROYED = "destroyed", _("Destroyed")
    KEPT = "kept", _("Not destroyed")


class DestructionItem(models.Model):
    destruction_list = models.ForeignKey(DestructionList, on_delete=models.PROTECT, related_name="items")
    series = models.CharField(_("series"), max_length=80)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    identifier = models.CharField(_("identifier"), max_length=100)
    closed_on = models.DateField(_("closed"))
    expires_on = models.DateField(_("retention ended"))
    state = models.CharField(_("state"), max_length=12, choices=ItemState.choices, default=ItemState.PROPOSED)
    struck_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Why it was struck off, or why it could not be destroyed (a legal hold placed since, a row
    # that still holds it): words about the record, never its content.
    note = models.CharField(_("note"), max_length=300, blank=True)
    destroyed_at = models.DateTimeField(_("destroyed"), null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("destruction list item")
        verbose_name_plural = _("destruction list items")
        ordering = ["destruction_list", "series", "identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["destruction_list", "content_type", "object_id"], name="destruction_item_once_per_list"
            )
        ]

    def __str__(self) -> str:
        return self.identifier


class LegalHold(models.Model):
    """A legal hold (juridische bewaarplicht): while it holds, the record is never proposed for
    destruction nor destroyed, whatever its retention says."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    identifier = models.CharField(_("identifier"), max_length=100)
    reason = models.TextField(_("reason"))
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(_("placed"), default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-placed_at", "-pk"]

    def __str__(self) -> str:
        return self.identifier
