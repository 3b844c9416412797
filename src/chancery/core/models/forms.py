from django.conf import settings
from django.db import models
from django.utils import timezone


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
