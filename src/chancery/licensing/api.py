"""`/api/v1/licences`: issued licences, read-only, with the reader's eyes (the holder their own,
the handlers those whose files they see, nobody else)."""

from __future__ import annotations

import django_filters as filters
from rest_framework import serializers, viewsets

from chancery.api.authentication import reader
from chancery.licensing.models import Licence
from chancery.licensing.services.licences import visible_licences


class LicenceFilter(filters.FilterSet):
    destination_country = filters.CharFilter(help_text="ISO 3166 code of the country of destination, e.g. CA")
    category = filters.CharFilter(help_text="ML1–ML22 or a dual-use category 0–9")

    class Meta:
        model = Licence
        fields = ["destination_country", "category"]


class LicenceSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference", read_only=True)
    holder = serializers.CharField(source="holder.name", read_only=True)
    remaining_value_eur = serializers.SerializerMethodField()

    class Meta:
        model = Licence
        fields = [
            "id", "number", "case", "holder", "kind", "form", "goods_family", "with_conditions", "decided_on",
            "valid_from", "valid_until", "validity_verified", "destination_country", "control_list_code", "category",
            "quantity", "value_eur", "remaining_value_eur", "renewed_on", "renewed_value_eur",
        ]  # fmt: skip

    def get_remaining_value_eur(self, licence) -> str:
        return f"{licence.remaining_value():.2f}"


class LicenceViewSet(viewsets.ReadOnlyModelViewSet):
    """Issued licences for strategic goods."""

    serializer_class = LicenceSerializer
    filterset_class = LicenceFilter
    ordering_fields = ["decided_on", "valid_until"]

    def get_queryset(self):
        return visible_licences(reader(self.request)).order_by("-decided_on", "-pk")
