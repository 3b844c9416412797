"""Digital signatures: signing credentials and ordered signing flows on documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet


class SigningCredential(models.Model):
    """A user's signing certificate and private key, the key encrypted with the user's own signing
    passphrase (asked at every signature). A remote signing service or eID card can replace it
    behind core.signing's `signer_for` without changing the flow."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signing_credential")
    certificate_pem = models.TextField(_("certificate"))
    encrypted_key_pem = models.TextField(_("encrypted private key"))
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("signing credential")
        verbose_name_plural = _("signing credentials")

    def __str__(self) -> str:
        return f"{self.user}"


class FlowState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Being signed")
    COMPLETED = "completed", _("Signed by all")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", _("Cancelled")


class SigningFlow(models.Model):
    """Signing a document by several people in a fixed order, each adding a PAdES signature."""

    document = models.ForeignKey("core.Document", on_delete=models.PROTECT, related_name="signing_flows")
    state = models.CharField(_("state"), max_length=12, choices=FlowState.choices, default=FlowState.IN_PROGRESS)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("signing flow")
        verbose_name_plural = _("signing flows")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["document"], condition=models.Q(state="in_progress"), name="one_open_signing_flow_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document}: {self.get_state_display()}"


class RequestState(models.TextChoices):
    PENDING = "pending", _("To sign")
    SIGNED = "signed", _("Signed")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", _("Cancelled")


class SignatureRequest(models.Model):
    flow = models.ForeignKey(SigningFlow, on_delete=models.PROTECT, related_name="requests")
    order = models.PositiveSmallIntegerField()
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signature_requests")
    state = models.CharField(_("state"), max_length=9, choices=RequestState.choices, default=RequestState.PENDING)
    acted_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    version = models.ForeignKey(
        "core.DocumentVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("The signed version this signature produced."),
    )  # fmt: skip

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature request")
        verbose_name_plural = _("signature requests")
        ordering = ["flow", "order"]
        constraints = [models.UniqueConstraint(fields=["flow", "order"], name="signature_order_unique")]

    def __str__(self) -> str:
        return f"{self.flow.document} — {self.order}. {self.signer}"
