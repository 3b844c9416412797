"""Filters of the API's collections (django-filter): declared once, applied to the queryset the
confidentiality layer already narrowed, and described in the OpenAPI document."""

import datetime

import django_filters as filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from chancery.core.models import Document, DocumentKind

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


class DocumentFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=DocumentKind.choices)

    class Meta:
        model = Document
        fields = ["kind"]


class Ordering(OrderingFilter):
    """`?ordering=` with the fields a collection declares (`ordering_fields`), each also with "-"
    (descending), several comma-separated. Anything else is refused (400 naming the unknown terms
    and the allowed ones) instead of being silently ignored; a collection that declares none takes
    no ordering. The OpenAPI document lists the allowed values."""

    @staticmethod
    def allowed(view) -> list[str]:
        fields = getattr(view, "ordering_fields", None) or []
        return [term for field in fields for term in (field, f"-{field}")]

    def get_valid_fields(self, queryset, view, context=None):
        return [(field, field) for field in getattr(view, "ordering_fields", None) or []]

    def get_ordering(self, request, queryset, view):
        given = request.query_params.get(self.ordering_param)
        if given:
            allowed = self.allowed(view)
            unknown = [term for term in (t.strip() for t in given.split(",")) if term not in allowed]
            if unknown:
                message = (
                    _("Unknown ordering: %(unknown)s. Allowed: %(allowed)s.")
                    if allowed
                    else _("Unknown ordering: %(unknown)s. This collection cannot be ordered.")
                )
                raise ValidationError(
                    {self.ordering_param: [message % {"unknown": ", ".join(unknown), "allowed": ", ".join(allowed)}]}
                )
        return super().get_ordering(request, queryset, view)

    def get_schema_operation_parameters(self, view):
        allowed = self.allowed(view)
        if not allowed:
            return []
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": str(_("Comma-separated fields to order by; a leading “-” orders descending.")),
                "schema": {"type": "array", "items": {"type": "string", "enum": allowed}},
                "style": "form",
                "explode": False,
            }
        ]
