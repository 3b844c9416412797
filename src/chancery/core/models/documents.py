"""The document store: documents (stukken) with immutable, checksummed versions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.models.access import Confidential
from chancery.core.visibility import ReadableQuerySet


def document_storage():
    return storages["documents"]


class DocumentKind(models.TextChoices):
    """Document types of the Government's decision-making (Kaleidos' series types)."""

    NOTE = "note", _("Note")
    ANNOUNCEMENT = "announcement", _("Announcement")
    ADVICE = "advice", _("Advice")
    DECISION = "decision", _("Decision")
    DRAFT_DECREE = "draft_decree", _("Draft decree")
    EXPLANATORY_MEMORANDUM = "explanatory_memorandum", _("Explanatory memorandum")
    REPORT = "report", _("Report")
    DECISION_SHEET = "decision_sheet", _("Decision sheet")
    MINUTES = "minutes", _("Minutes")
    ANNEX = "annex", _("Annex")
    LETTER = "letter", _("Letter")
    OTHER = "other", _("Other")


class FileFormat(models.TextChoices):
    """The formats we accept, recognised from the content, never from the name."""

    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    ODT = "odt", "OpenDocument text (ODT)"
    XLSX = "xlsx", "Excel (XLSX)"
    ODS = "ods", "OpenDocument spreadsheet (ODS)"
    PNG = "png", "PNG"
    JPEG = "jpeg", "JPEG"


MIME_TYPES = {
    FileFormat.PDF: "application/pdf",
    FileFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileFormat.ODT: "application/vnd.oasis.opendocument.text",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileFormat.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    FileFormat.PNG: "image/png",
    FileFormat.JPEG: "image/jpeg",
}
EXTENSIONS = {
    FileFormat.PDF: {".pdf"},
    FileFormat.DOCX: {".docx"},
    FileFormat.ODT: {".odt"},
    FileFormat.XLSX: {".xlsx"},
    FileFormat.ODS: {".ods"},
    FileFormat.PNG: {".png"},
    FileFormat.JPEG: {".jpg", ".jpeg"},
}


class ExtractionState(models.TextChoices):
    PENDING = "pending", _("Waiting for text extraction")
    DONE = "done", _("Text extracted")
    NOT_APPLICABLE = "not_applicable", _("No text to extract")
    FAILED = "failed", _("Text extraction failed")


class Document(Confidential):
    """A document (stuk): a title, a kind, a level, and one or more versions of its file."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=32, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    description = models.TextField(_("description"), blank=True)
    owner_entity = models.ForeignKey(
        "core.Entity", verbose_name=_("entity"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    version_count = models.PositiveIntegerField(_("versions"), default=0)
    # Raised by every change of its metadata: an edit carries the revision its editor saw, and a
    # stale one is refused (core.services.change_document), so no edit silently undoes another.
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("document_detail", args=[self.uuid])

    @property
    def latest_version(self) -> DocumentVersion | None:
        return self.versions.order_by("-number").first()


# The only fields of a version that change after it is written: the background extraction's.
EXTRACTION_FIELDS = frozenset({"text", "extraction_state", "extraction_error"})


class DocumentVersion(models.Model):
    """One immutable version of a document's file. A new upload is version n+1; none is overwritten."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), storage=document_storage, max_length=200)
    original_filename = models.CharField(_("file name"), max_length=200)
    file_format = models.CharField(_("format"), max_length=8, choices=FileFormat.choices)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    text = models.TextField(_("extracted text"), blank=True)
    extraction_state = models.CharField(
        _("text extraction"), max_length=16, choices=ExtractionState.choices, default=ExtractionState.PENDING
    )
    extraction_error = models.CharField(max_length=300, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_number_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="document_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or not set(update_fields) <= EXTRACTION_FIELDS:
                raise ValueError("A document version is immutable: upload a new version instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A document version is never deleted.")

    def get_download_url(self) -> str:
        return reverse("document_download", args=[self.document.uuid, self.number])
