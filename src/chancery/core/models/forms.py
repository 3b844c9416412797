import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from chancery.core.models.documents import document_storage
from chancery.core.visibility import ReadableQuerySet


class SentForm(models.Model):
    """A create form that was carried out, by the token its page was rendered with
    (`core.once`): a second press of the same form finds it and goes to `url`, the first
    result, instead of creating the thing again. Bookkeeping, read by nobody but the decorator."""

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField(max_length=2000, blank=True)
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "sent form"

    def __str__(self) -> str:
        return str(self.token)


class PendingUpload(models.Model):
    """A file that passed the upload inspection on a form that was not carried out (shown again
    with its errors, or saved as a draft), kept for the user who sent it so that the form can be
    sent again without attaching the file again (`core.pending`). Read by nobody but its uploader;
    stored apart from the content-addressed document store, so removing one never touches a
    document's file."""

    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    file = models.FileField(storage=document_storage, max_length=200)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Held by a saved draft: it does not expire (the draft's deletion or submission removes it).
    held = models.BooleanField(default=False)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = "pending upload"

    def __str__(self) -> str:
        return self.filename
