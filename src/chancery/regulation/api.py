"""`/api/v1/regulations`: the register of regulations, read-only, with the reader's eyes (an entry
produced by a dossier once the reader may see that dossier)."""

from __future__ import annotations

import django_filters as filters
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from chancery.api.authentication import reader
from chancery.api.serializers import LinkedSerializer, absolute
from chancery.decisions.models import RegulationType
from chancery.regulation.models import Regulation, Transposition


class RegulationFilter(filters.FilterSet):
    q = filters.CharFilter(field_name="title", lookup_expr="icontains", help_text="Words of the title")
    regulation_type = filters.ChoiceFilter(field_name="kind", choices=RegulationType.choices)
    eli = filters.CharFilter(help_text="The regulation's ELI, exactly")
    policy_domain = filters.CharFilter(field_name="policy_domain__slug", help_text="A policy domain's (theme's) slug")
    transposes = filters.CharFilter(
        field_name="transpositions__eu_act__celex", help_text="The CELEX number of an EU act, e.g. 32016L0680"
    )

    class Meta:
        model = Regulation
        fields = ["q", "regulation_type", "eli", "policy_domain", "transposes"]


class RegulationSerializer(LinkedSerializer):
    detail_route = "api:regulation-detail"
    # Named as the publications' field, one enumeration of the kinds of act in the API.
    regulation_type = serializers.ChoiceField(source="kind", choices=RegulationType.choices, read_only=True)
    policy_domain = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    dossier = serializers.SerializerMethodField()
    transposes = serializers.SerializerMethodField()

    class Meta:
        model = Regulation
        fields = [
            "id", "url", "permalink", "regulation_type", "title", "date", "eli", "eli_verified", "numac",
            "policy_domain", "dossier", "transposes",
        ]  # fmt: skip

    def public_path(self, obj):
        return obj.get_absolute_url()

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_dossier(self, obj) -> str | None:
        if obj.dossier_id is None:
            return None
        return absolute(self.context["request"], reverse("api:dossier-detail", args=[obj.dossier_id]))

    @extend_schema_field({"type": "array", "items": {"type": "string", "description": "CELEX number"}})
    def get_transposes(self, obj) -> list[str]:
        return [transposition.eu_act.celex for transposition in obj.transpositions.all()]


class RegulationViewSet(viewsets.ReadOnlyModelViewSet):
    """The register of Flemish regulations: decrees, orders of the Government and ministerial
    orders, with their ELI, the dossier that produced them and the EU acts they transpose (CELEX)."""

    serializer_class = RegulationSerializer
    filterset_class = RegulationFilter
    ordering_fields = ["date", "title"]

    def get_queryset(self):
        return (
            Regulation.objects.visible_to(reader(self.request))
            .select_related("policy_domain")
            .prefetch_related(
                Prefetch("transpositions", queryset=Transposition.objects.select_related("eu_act").order_by("pk"))
            )
            .order_by("-date", "pk")
        )
