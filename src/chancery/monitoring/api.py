"""The read API of monitoring (`/api/v1/ambitions`, `programmes`, `indicators`), registered with
the API kit (chancery.api.routes): statuses and figures with the reader's eyes (core.visibility)."""

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from chancery.api.authentication import reader
from chancery.api.serializers import absolute
from chancery.core.authz import may
from chancery.monitoring.models import Indicator, Initiative, Level, Observation, Target
from chancery.monitoring.services.assessment import assess_all


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


class InitiativeViewSet(viewsets.ReadOnlyModelViewSet):
    """Core ambitions or programmes with their computed status. Outsiders see the public ones, and
    a status computed only from public, released figures; the administration and experts all."""

    serializer_class = InitiativeSerializer
    level = ""

    def get_queryset(self):
        user = reader(self.request)
        nodes = Initiative.objects.visible_to(user).filter(level=self.level).select_related("parent", "lead_entity")
        board = may(user, "monitoring.view_dashboard")
        return nodes.order_by("position", "code") if board else nodes.order_by("pk")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = reader(self.request)
        context["assessments"] = assess_all(None, Initiative.objects.visible_to(user), reader=user)
        return context


class AmbitionViewSet(InitiativeViewSet):
    level = Level.AMBITION


class ProgrammeViewSet(InitiativeViewSet):
    level = Level.PROGRAMME


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """Indicators with their current values; outsiders get public indicators and released figures."""

    serializer_class = IndicatorSerializer

    def get_queryset(self):
        user = reader(self.request)
        shown = Observation.objects.visible_to(user).filter(is_current=True)
        return (
            Indicator.objects.visible_to(user)
            .prefetch_related("targets", Prefetch("observations", queryset=shown, to_attr="shown"))
            .order_by("pk")
        )
