"""Accounts signed in through the government's identity provider (single sign-on, core.sso)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet


class ExternalIdentity(models.Model):
    """A person as the identity provider knows them: its issuer and their subject (`sub`), which
    never change, and the account they sign in to. Made at their first sign-in, also when it is
    refused (then without an account), so that the audit trail of refusals has its object."""

    issuer = models.CharField(_("identity provider"), max_length=300)
    subject = models.CharField(_("subject at the provider"), max_length=255)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="external_identity",
    )
    claims = models.JSONField(_("claims at the last sign-in"), default=dict, blank=True)
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        ordering = ["issuer", "subject"]
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique")]

    def __str__(self) -> str:
        return f"{self.subject} @ {self.issuer}"
