from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chancery.api.models import Delivery, WebhookSubscription
from chancery.core import events
from chancery.core.models import Document, DocumentVersion
from chancery.decisions.models import AgendaItem, Decision, Dossier, Meeting, Publication, PublicationEvent, Theme
from chancery.monitoring.models import Indicator, Initiative, Observation, Target
from chancery.portal.linkeddata import eli_of
from chancery.portal.queries import decision_path
from chancery.strategic_goods.models import ControlListEntry
from chancery.strategic_goods.services.control_list import control_list_data


def absolute(request, path: str) -> str:
    """The full address of a path on this site: the scheme and host worked out (and the host
    checked) once per request, not once per link — a page of 50 objects carries 200 links."""
    base = getattr(request, "_chancery_base_url", None)
    if base is None:
        base = request._chancery_base_url = request.build_absolute_uri("/").rstrip("/")
    return base + path


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


class MeetingSerializer(LinkedSerializer):
    detail_route = "api:meeting-detail"

    class Meta:
        model = Meeting
        fields = ["id", "url", "permalink", "kind", "year", "number", "starts_at", "place", "state"]

    def public_path(self, obj):
        return reverse("portal:meeting", args=[obj.uuid]) if obj.state != "planned" else None


class AgendaItemSerializer(LinkedSerializer):
    detail_route = "api:agendaitem-detail"
    meeting = serializers.SerializerMethodField()
    agenda_version = serializers.CharField(source="agenda.letter")
    final = serializers.BooleanField(source="agenda.is_final")
    ministers = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id", "url", "permalink", "meeting", "agenda_version", "final", "kind", "number", "title", "short_title",
            "ministers", "access_level", "release_state",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_meeting(self, obj) -> str:
        return absolute(self.context["request"], reverse("api:meeting-detail", args=[obj.agenda.meeting_id]))

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_ministers(self, obj) -> list[str]:
        return [str(m.person) for m in obj.mandatees.all()]

    def public_path(self, obj):
        if obj.is_public and obj.agenda.is_final and not obj.carried_over:
            return decision_path(obj)
        return None


class DecisionSerializer(LinkedSerializer):
    detail_route = "api:decision-detail"
    item = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "url",
            "permalink",
            "item",
            "version",
            "result",
            "text",
            "motivation",
            "reference",
            "document",
            "decided_at",
            "reason",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_item(self, obj) -> str:
        return absolute(self.context["request"], reverse("api:agendaitem-detail", args=[obj.item_id]))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_document(self, obj) -> str | None:
        if obj.document_id is None:
            return None
        return absolute(self.context["request"], reverse("api:document-detail", args=[obj.document_id]))

    def public_path(self, obj):
        item = obj.item
        if item.is_public:
            return decision_path(item)
        return None


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["uri", "label", "slug"]


class DossierSerializer(LinkedSerializer):
    detail_route = "api:dossier-detail"
    themes = ThemeSerializer(many=True, read_only=True)

    class Meta:
        model = Dossier
        fields = ["id", "url", "permalink", "title", "short_title", "access_level", "release_state", "themes"]

    def public_path(self, obj):
        return reverse("portal:dossier", args=[obj.uuid]) if obj.is_public else None


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
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=[(t.code, t.label) for t in events.types()]), min_length=1
    )
    deliveries = serializers.SerializerMethodField()

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


class PublicationEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = PublicationEvent
        fields = ["step", "on"]


class PublicationSerializer(LinkedSerializer):
    detail_route = "api:publication-detail"
    item = serializers.SerializerMethodField()
    eli = serializers.SerializerMethodField()
    events = PublicationEventSerializer(many=True, read_only=True)

    class Meta:
        model = Publication
        fields = [
            "id", "url", "permalink", "number", "item", "regulation_type", "urgent", "planned_date", "published_on",
            "numac", "eli", "step", "events",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_item(self, obj) -> str:
        return absolute(self.context["request"], reverse("api:agendaitem-detail", args=[obj.decision_item_id]))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_eli(self, obj) -> str | None:
        return eli_of(obj)

    def public_path(self, obj):
        item = obj.decision_item
        return decision_path(item) if item.is_public and item.agenda.is_final else None


class InitiativeSerializer(serializers.ModelSerializer):
    """A core ambition, programme or project with its computed status."""

    url = serializers.SerializerMethodField()
    permalink = serializers.SerializerMethodField()
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    lead_entity = serializers.CharField(source="lead_entity.name")
    status = serializers.SerializerMethodField()
    reasons = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id", "url", "permalink", "code", "level", "parent", "title", "summary", "lead_entity", "priority",
            "status", "reasons",
        ]  # fmt: skip

    def _route(self, obj) -> str:
        return "api:ambition-detail" if obj.level == "ambition" else "api:programme-detail"

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context["request"], reverse(self._route(obj), args=[obj.pk]))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_permalink(self, obj) -> str | None:
        return absolute(self.context["request"], reverse("progress:detail", args=[obj.code])) if obj.public else None

    @extend_schema_field({"type": "string", "enum": ["unknown", "on_track", "at_risk", "off_track"]})
    def get_status(self, obj) -> str:
        return self.context["assessments"][obj.pk].status.name.lower()

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_reasons(self, obj) -> list[str]:
        return list(self.context["assessments"][obj.pk].reasons)


class ObservationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Observation
        fields = ["period", "value", "revision", "reason", "recorded_at"]


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["value", "date"]


class IndicatorSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    observations = serializers.SerializerMethodField()
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id", "url", "code", "name", "unit", "direction", "baseline_value", "baseline_date", "source", "method",
            "targets", "observations",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context["request"], reverse("api:indicator-detail", args=[obj.pk]))

    @extend_schema_field(ObservationSerializer(many=True))
    def get_observations(self, obj) -> list[dict]:
        return ObservationSerializer(sorted(obj.shown, key=lambda o: o.period_start), many=True).data


class ControlListEntrySerializer(serializers.ModelSerializer):
    """A code of the EU dual-use list (Annex I, Reg. (EU) 2021/821) or the EU Common Military List."""

    url = serializers.SerializerMethodField()
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    category_name = serializers.SerializerMethodField()
    group_name = serializers.SerializerMethodField()

    class Meta:
        model = ControlListEntry
        fields = [
            "code", "url", "list", "parent", "category", "category_name", "group", "group_name", "regime",
            "description", "list_version", "valid_from",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context["request"], reverse("api:controllistentry-detail", args=[obj.code]))

    @extend_schema_field({"type": "string", "nullable": True})
    def get_category_name(self, obj) -> str | None:
        return control_list_data()["categories"].get(obj.category) if obj.category else None

    @extend_schema_field({"type": "string", "nullable": True})
    def get_group_name(self, obj) -> str | None:
        return control_list_data()["product_groups"].get(obj.group) if obj.group else None
