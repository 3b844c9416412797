from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.models.documents import document_storage
from chancery.core.visibility import ReadableQuerySet


class RenditionState(models.TextChoices):
    DONE = "done", _("PDF rendition ready")
    UNAVAILABLE = "unavailable", _("No PDF rendition: LibreOffice is not installed on the server")
    FAILED = "failed", _("The PDF rendition failed")


class Rendition(models.Model):
    """A PDF made from an office version (DOCX, ODT) for reading and signing. Derived, not a
    version: the office file stays the version of record."""

    version = models.OneToOneField("core.DocumentVersion", on_delete=models.PROTECT, related_name="rendition")
    state = models.CharField(max_length=12, choices=RenditionState.choices)
    file = models.FileField(storage=document_storage, max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("PDF rendition")
        verbose_name_plural = _("PDF renditions")

    def __str__(self) -> str:
        return f"{self.version}: {self.get_state_display()}"
