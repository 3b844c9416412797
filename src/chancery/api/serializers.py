from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chancery.api.models import Delivery, WebhookSubscription
from chancery.core import events, links
from chancery.core.models import Document, DocumentVersion


def absolute(request, path: str) -> str:
    """The full address of a path on this site (core.links: the public address, else the request's)."""
    return links.absolute(path, request)


class LinkedSerializer(serializers.ModelSerializer):
    """Every object carries `id` and `url` (its API address); released ones a `permalink`."""

    url = serializers.SerializerMethodField()
    permalink = serializers.SerializerMethodField()
    detail_route = ""

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context["request"], reverse(self.detail_route, args=[obj.pk]))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_permalink(self, obj) -> str | None:
        path = self.public_path(obj)
        return absolute(self.context["request"], path) if path else None

    def public_path(self, obj) -> str | None:
        return None


class VersionSerializer(serializers.ModelSerializer):
    file = serializers.SerializerMethodField()

    class Meta:
        model = DocumentVersion
        fields = ["number", "original_filename", "file_format", "mime_type", "size", "sha256", "uploaded_at", "file"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_file(self, obj) -> str:
        return absolute(self.context["request"], obj.get_download_url())


class DocumentSerializer(LinkedSerializer):
    detail_route = "api:document-detail"
    versions = VersionSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = ["id", "url", "permalink", "title", "kind", "access_level", "release_state", "created_at", "versions"]

    def public_path(self, obj):
        return reverse("portal:document", args=[obj.uuid]) if obj.is_public else None


@extend_schema_field({"type": "string", "format": "uri", "pattern": "^https?://[^/?#:]+", "maxLength": 500})
class HttpUrlField(serializers.URLField):
    """An http(s) address; the document says so, so that clients know other schemes are refused."""


class SubscriptionSerializer(serializers.ModelSerializer):
    """A webhook subscription of the calling token. The secret is shown once, in the answer to its
    creation; deliveries are signed with it (Chancery-Signature: t=…,v1=HMAC-SHA256)."""

    url = serializers.SerializerMethodField()
    target = HttpUrlField(source="url", max_length=500, help_text="Where events are delivered (POST).")
    # The choices are the event types the apps declared (core.events), read when the serializer is
    # made: the apps declare theirs in ready(), after this module may have been imported.
    event_types = serializers.ListField(child=serializers.ChoiceField(choices=[]), min_length=1)
    deliveries = serializers.SerializerMethodField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event_types"].child.choices = [(t.code, t.label) for t in events.types()]

    class Meta:
        model = WebhookSubscription
        fields = ["id", "url", "target", "event_types", "active", "revision", "created_at", "deliveries"]
        read_only_fields = ["id", "revision", "created_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context["request"], reverse("api:webhook-detail", args=[obj.pk]))

    @extend_schema_field(OpenApiTypes.URI)
    def get_deliveries(self, obj) -> str:
        return absolute(self.context["request"], reverse("api:webhook-deliveries", args=[obj.pk]))


class NewSubscriptionSerializer(SubscriptionSerializer):
    secret = serializers.CharField(read_only=True)

    class Meta(SubscriptionSerializer.Meta):
        fields = [*SubscriptionSerializer.Meta.fields, "secret"]


class DeliverySerializer(serializers.ModelSerializer):
    event = serializers.CharField(source="event.type")
    subject = serializers.SerializerMethodField()

    class Meta:
        model = Delivery
        fields = ["id", "event", "subject", "attempt", "state", "status_code", "error", "scheduled_at", "attempted_at"]

    def get_subject(self, obj) -> str:
        return f"{obj.event.subject_model}:{obj.event.subject_id}"
