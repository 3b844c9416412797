import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ_PUBLIC = "read-public", _("Read what the public sees")
    READ_INTERNAL = "read-internal", _("Read what the token's user sees")


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
