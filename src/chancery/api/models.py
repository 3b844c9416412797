import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet


class Scope(models.TextChoices):
    READ_PUBLIC = "read-public", _("Read what the public sees")
    READ_INTERNAL = "read-internal", _("Read what the token's user sees")
    WEBHOOKS = "webhooks", _("Manage the token's webhook subscriptions")


class ApiToken(models.Model):
    """An application's key to the API, acting for a user within its scopes. Only a hash of the
    key is kept; the key itself is shown once, when it is made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, scopes: list[str], name: str = "") -> tuple["ApiToken", str]:
        key = "chy_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name or f"token {user.username}", prefix=key[:10], key_hash=cls.hash(key), scopes=scopes
        )
        return token, key

    def allows(self, scope: str) -> bool:
        return not self.revoked and scope in self.scopes


class WebhookSubscription(models.Model):
    """An application's wish to be told of events, delivered to its URL and signed with its secret.
    It is told only of what its owner's token scope may see."""

    owner = models.ForeignKey(ApiToken, on_delete=models.PROTECT, related_name="subscriptions")
    url = models.URLField(_("address"), max_length=500)
    event_types = models.JSONField(_("events"), default=list)
    secret = models.CharField(max_length=64, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Raised by every change; its ETag, so that an update names the version it changes (If-Match).
    revision = models.PositiveIntegerField(default=1)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self) -> str:
        return self.url

    def save(self, *args, **kwargs):
        if not self.secret:
            self.secret = secrets.token_hex(32)
        super().save(*args, **kwargs)


class Event(models.Model):
    """The outbox: an event is written in the transaction of the change that causes it, so a crash
    neither loses nor invents one; deliveries follow once it has committed."""

    # A domain event's code, as the apps declare them (core.events).
    type = models.CharField(max_length=40, db_index=True)
    occurred_at = models.DateTimeField(default=timezone.now)
    subject_model = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.type} {self.subject_model}:{self.subject_id}"


class Delivery(models.Model):
    """One attempt to deliver an event to a subscription: the delivery log."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="deliveries")
    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.PROTECT, related_name="deliveries")
    attempt = models.PositiveSmallIntegerField(default=1)
    # pending, delivered, failed, withheld (the subscriber may not see the subject: not sent, not
    # in its log), refused (the receiver's address is one we never send to: not sent, no retry)
    state = models.CharField(max_length=10, default="pending")
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    scheduled_at = models.DateTimeField(default=timezone.now)
    attempted_at = models.DateTimeField(null=True, blank=True)
    # Asked for again by the subscriber (webhooks.redeliver): one attempt, not retried, capped.
    on_request = models.BooleanField(default=False)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription} #{self.attempt}: {self.state}"
