"""Filters of the API's collections (django-filter): declared once, applied to the queryset the
confidentiality layer already narrowed, and described in the OpenAPI document."""

import datetime

import django_filters as filters
from django.utils.translation import gettext_lazy as _
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
    year = filters.NumberFilter()
    starts_after = UtcDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = UtcDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Meeting
        fields = ["kind", "state", "year"]


class AgendaItemFilter(filters.FilterSet):
    meeting = filters.NumberFilter(field_name="agenda__meeting")
    kind = filters.ChoiceFilter(choices=ItemKind.choices)
    final = filters.BooleanFilter(field_name="agenda__is_final")

    class Meta:
        model = AgendaItem
        fields = ["meeting", "kind", "final"]


class DecisionFilter(filters.FilterSet):
    meeting = filters.NumberFilter(field_name="item__agenda__meeting")
    item = filters.NumberFilter(field_name="item")
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
