"""The read API of the grant programmes, registered with the API kit (chancery.api.routes):
`/api/v1/grants`, the granted grants for public accountability (a protected beneficiary's
`beneficiary`, `country` and `purpose` are null: services.public builds the rows), and
`/api/v1/calls`, the published calls with their criteria."""

from __future__ import annotations

import django_filters as filters
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from chancery.api.authentication import reader
from chancery.api.serializers import absolute
from chancery.grants.models import Application, Call, Criterion
from chancery.grants.services import public
from chancery.grants.services.money import euro


class GrantFilter(filters.FilterSet):
    programme = filters.CharFilter(field_name="call__programme__code", help_text="The programme's code")
    year = filters.NumberFilter(field_name="call__year", help_text="The budget year")

    class Meta:
        model = Application
        fields = ["programme", "year"]


class GrantSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    programme = serializers.CharField(read_only=True)
    year = serializers.IntegerField(read_only=True)
    beneficiary = serializers.CharField(read_only=True, allow_null=True,
                                        help_text="null for a protected beneficiary")  # fmt: skip
    country = serializers.CharField(read_only=True, allow_null=True,
                                    help_text="ISO 3166-1 alpha-2; null for a protected beneficiary")  # fmt: skip
    amount_eur = serializers.CharField(read_only=True, help_text='Two decimals, e.g. "12500.00"')
    purpose = serializers.CharField(read_only=True, allow_null=True)
    decided_on = serializers.DateField(read_only=True)

    def to_representation(self, instance: Application):
        row = public.row(instance)
        return {
            "id": row.pk,
            "url": self.get_url(instance),
            "programme": row.programme,
            "year": row.year,
            "beneficiary": row.beneficiary,
            "country": row.country,
            "amount_eur": row.amount_eur,
            "purpose": row.purpose,
            "decided_on": row.decided_on or None,
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context["request"], reverse("api:grant-detail", args=[obj.pk]))


class GrantViewSet(viewsets.ReadOnlyModelViewSet):
    """Granted grants per programme and year: beneficiary, country, amount, purpose, decision date.
    A protected beneficiary (a person at risk) has `beneficiary`, `country` and `purpose` null."""

    serializer_class = GrantSerializer
    filterset_class = GrantFilter

    def get_queryset(self):
        # Public accountability: the same rows for every reader, built without the confidential file.
        return public.granted_grants()


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "max_score", "pass_mark"]


class CallSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    permalink = serializers.SerializerMethodField()
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    max_grant_eur = serializers.SerializerMethodField()
    is_open = serializers.SerializerMethodField()
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Call
        fields = [
            "id", "url", "permalink", "programme", "year", "title", "objectives", "eligible_applicants",
            "eligible_countries", "eligible_costs", "max_grant_eur", "opens_at", "closes_at", "is_open",
            "pass_mark_total", "criteria",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context["request"], reverse("api:call-detail", args=[obj.pk]))

    @extend_schema_field(OpenApiTypes.URI)
    def get_permalink(self, obj) -> str:
        return absolute(self.context["request"], obj.get_absolute_url())

    def get_max_grant_eur(self, obj) -> str:
        return euro(obj.max_grant_cents)

    def get_is_open(self, obj) -> bool:
        return obj.is_open()


class CallFilter(filters.FilterSet):
    programme = filters.CharFilter(field_name="programme__code", help_text="The programme's code")
    year = filters.NumberFilter(field_name="year")

    class Meta:
        model = Call
        fields = ["programme", "year"]


class CallViewSet(viewsets.ReadOnlyModelViewSet):
    """The published calls for proposals, with their criteria, eligibility and opening and closing moments."""

    serializer_class = CallSerializer
    filterset_class = CallFilter

    def get_queryset(self):
        # Published ones only, whoever asks: drafts are the grants service's, in its pages.
        return (
            Call.objects.visible_to(reader(self.request))
            .filter(state="published")
            .select_related("programme")
            .prefetch_related("criteria")
            .order_by("-opens_at", "pk")
        )
