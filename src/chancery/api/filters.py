"""Filters of the API's collections (django-filter): declared once, applied to the queryset the
confidentiality layer already narrowed, and described in the OpenAPI document."""

import datetime

import django_filters as filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from chancery.core.models import Document, DocumentKind
from chancery.decisions.models import (
    AgendaItem,
    Decision,
    DecisionResult,
    Dossier,
    ItemKind,
    Meeting,
    MeetingKind,
    MeetingState,
    Publication,
    PublicationStep,
    RegulationType,
)
from chancery.strategic_goods.models import ControlList, ControlListEntry

INT64 = (-(2**63), 2**63 - 1)


@extend_schema_field({"type": "integer", "format": "int64", "minimum": INT64[0], "maximum": INT64[1]})
class WholeNumberFilter(filters.NumberFilter):
    """An identifier or a year: a whole number the database can hold (64 bits). Anything else is
    refused with a 400 naming the parameter (a 24-digit number was a server error on SQLite)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", INT64[0])
        kwargs.setdefault("max_value", INT64[1])
        super().__init__(*args, **kwargs)


class UtcDateTimeFilter(filters.IsoDateTimeFilter):
    """An ISO 8601 moment, compared in UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601
    (and Python) allow, so a caller's "-18:24" must not reach it (it was a server error)."""

    def filter(self, qs, value):
        if value is not None and value.tzinfo is not None:
            try:
                value = value.astimezone(datetime.UTC)
            except OverflowError:
                raise ValidationError({self.field_name: [_("This moment is out of range.")]}) from None
        return super().filter(qs, value)


class MeetingFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=MeetingKind.choices)
    state = filters.ChoiceFilter(choices=MeetingState.choices)
    year = WholeNumberFilter()
    starts_after = UtcDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = UtcDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Meeting
        fields = ["kind", "state", "year"]


class AgendaItemFilter(filters.FilterSet):
    meeting = WholeNumberFilter(field_name="agenda__meeting")
    kind = filters.ChoiceFilter(choices=ItemKind.choices)
    final = filters.BooleanFilter(field_name="agenda__is_final")

    class Meta:
        model = AgendaItem
        fields = ["meeting", "kind", "final"]


class DecisionFilter(filters.FilterSet):
    meeting = WholeNumberFilter(field_name="item__agenda__meeting")
    item = WholeNumberFilter(field_name="item")
    result = filters.ChoiceFilter(choices=DecisionResult.choices)

    class Meta:
        model = Decision
        fields = ["meeting", "item", "result"]


class DossierFilter(filters.FilterSet):
    theme = filters.CharFilter(field_name="themes__slug", help_text="A theme's slug, e.g. buitenlands-beleid")

    class Meta:
        model = Dossier
        fields = ["theme"]


class DocumentFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=DocumentKind.choices)

    class Meta:
        model = Document
        fields = ["kind"]


class PublicationFilter(filters.FilterSet):
    regulation_type = filters.ChoiceFilter(choices=RegulationType.choices)
    step = filters.ChoiceFilter(choices=PublicationStep.choices)
    published_after = filters.DateFilter(field_name="published_on", lookup_expr="gte")

    class Meta:
        model = Publication
        fields = ["regulation_type", "step"]


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
        from django.db.models import Q

        from chancery.strategic_goods.services.control_list import DUAL_USE_CODE, MILITARY_CODE, normalise

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
