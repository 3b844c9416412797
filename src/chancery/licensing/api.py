"""`/api/v1/licences`: issued licences, read-only, with the reader's eyes (the holder their own,
the handlers those whose files they see, nobody else)."""

from __future__ import annotations

from decimal import Decimal

import django_filters as filters
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from rest_framework import serializers, viewsets

from chancery.api.authentication import reader
from chancery.licensing.models import Licence, UseReport
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
        used = getattr(licence, "used_value_eur", None)  # summed in the list's query
        remaining = licence.remaining_value() if used is None else licence.value_eur - used
        return f"{remaining:.2f}"


class LicenceViewSet(viewsets.ReadOnlyModelViewSet):
    """Issued licences for strategic goods."""

    serializer_class = LicenceSerializer
    filterset_class = LicenceFilter
    ordering_fields = ["decided_on", "valid_until"]

    def get_queryset(self):
        # What has been used of each licence, summed in the list's query (not one query per licence).
        used = UseReport.objects.filter(licence=OuterRef("pk")).values("licence").annotate(total=Sum("value_eur"))
        value = DecimalField(max_digits=14, decimal_places=2)
        used_value = Coalesce(Subquery(used.values("total"), output_field=value), Value(Decimal(0)), output_field=value)
        return visible_licences(reader(self.request)).annotate(used_value_eur=used_value).order_by("-decided_on", "-pk")
