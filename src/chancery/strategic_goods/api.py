"""`/api/v1/control-list`: the control-list codes, public reference data, registered with the API
kit (chancery.api.routes)."""

import django_filters as filters
from django.db.models import Q
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from chancery.api.serializers import absolute
from chancery.strategic_goods.models import ControlList, ControlListEntry
from chancery.strategic_goods.services.control_list import (
    DUAL_USE_CODE,
    MILITARY_CODE,
    control_list_data,
    normalise,
)


class ControlListFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="search",
        help_text="Words or a code: matches the start of a code (3A001, ml1.d) or words in the description.",
    )
    list = filters.ChoiceFilter(choices=ControlList.choices)
    category = filters.ChoiceFilter(choices=[(str(n), str(n)) for n in range(10)])
    group = filters.ChoiceFilter(choices=[(g, g) for g in "ABCDE"])
    parent = filters.CharFilter(field_name="parent__code", help_text="The code of the entry above, e.g. 3A001.a")

    class Meta:
        model = ControlListEntry
        fields = ["q", "list", "category", "group", "parent"]

    def search(self, queryset, name, value):
        words = value.split()
        if not words:
            return queryset
        code = normalise(value)
        if " " in value.strip():
            by_code = Q(pk__in=[])
        elif DUAL_USE_CODE.match(code) or MILITARY_CODE.match(code):
            # A whole code finds itself and its sub-items (ML1 → ML1.a …, not ML10).
            by_code = Q(code=code) | Q(code__startswith=code + ".")
        else:
            by_code = Q(code__istartswith=code)  # the start of a code: 3A0, ML
        by_words = Q()
        for word in words:
            by_words &= Q(description__icontains=word)
        return queryset.filter(by_code | by_words)


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


class ControlListViewSet(viewsets.ReadOnlyModelViewSet):
    """The control-list codes (an extract of the EU dual-use list, Annex I of Regulation (EU)
    2021/821, and of the EU Common Military List): public reference data, the same for every reader.
    A code is looked up by its canonical spelling, e.g. /control-list/3A001.a.1."""

    serializer_class = ControlListEntrySerializer
    filterset_class = ControlListFilter
    lookup_field = "code"
    lookup_value_regex = r"[0-9A-Za-z.]+"
    ordering = ["position"]
    ordering_fields = ["position", "code"]
    queryset = ControlListEntry.objects.select_related("parent")

    def get_object(self):
        # Any spelling of a code finds it (3a001.A.1 → 3A001.a.1), as validation accepts it.
        self.kwargs[self.lookup_field] = normalise(self.kwargs[self.lookup_field])
        return super().get_object()
