"""`/api/v1/fdi-notifications`: the notifications of foreign direct investments (issue 17), read-only,
for the service that screens them only: a caller is entitled when they may handle the screening
(`investment_screening.handle`) and read the confidential file (`Notification.objects.visible_to`);
everybody else (the notifier included: their file is on `/api/v1/cases`), a read-public token and
anonymous callers get nothing (an empty list, 404 on a notification).

Confidential by default: the business secrets (`models.BUSINESS_SECRETS`: turnover, deal value,
the secrets' text, the planned closing) and the names of the beneficial owners never leave the
file: the API carries the owners' countries (what the threshold check reads), the threshold check
and whether the deal may close, never the Flemish assessment (internal to the administration)."""

from __future__ import annotations

import django_filters as filters
from rest_framework import serializers, viewsets

from chancery.api.authentication import reader
from chancery.core.authz import may
from chancery.investment_screening.models import Notification
from chancery.investment_screening.services import notifications

# What the API serialises; a test holds that no business secret is among them.
FIELDS = [
    "id", "case", "state", "ex_officio", "investor_name", "investor_kind", "investor_country", "ubo_countries",
    "target", "target_enterprise_number", "regions", "sectors", "voting_rights_before", "voting_rights_after",
    "control_acquired", "signing_date", "closed_on", "notifiable", "flemish_link", "levels_reached", "may_close",
    "recorded_at",
]  # fmt: skip


class NotificationFilter(filters.FilterSet):
    sector = filters.CharFilter(
        method="filter_sector", help_text="A sector key, e.g. energy (see `chancery fdi-check`)"
    )
    investor_country = filters.CharFilter(help_text="ISO 3166 code of the investor's country, e.g. CN")
    notifiable = filters.BooleanFilter()

    class Meta:
        model = Notification
        fields = ["investor_country", "notifiable"]

    def filter_sector(self, queryset, name, value):
        # JSON containment is not on SQLite: the notifications are few, the filter is exact.
        return queryset.filter(pk__in=[pk for pk, sectors in queryset.values_list("pk", "sectors") if value in sectors])


class NotificationSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference", read_only=True)
    state = serializers.CharField(source="case.state", read_only=True)
    target = serializers.CharField(source="target.name", read_only=True)
    target_enterprise_number = serializers.CharField(source="target.registration_number", read_only=True)
    ubo_countries = serializers.SerializerMethodField()
    may_close = serializers.SerializerMethodField()
    regions = serializers.ListField(child=serializers.CharField(), read_only=True)
    sectors = serializers.ListField(child=serializers.CharField(), read_only=True)
    levels_reached = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Notification
        fields = FIELDS

    def get_ubo_countries(self, notification) -> list[str]:
        return sorted({owner.country for owner in notification.owners.all()})

    def get_may_close(self, notification) -> bool:
        return notifications.may_close(notification.case)


class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """Notifications of foreign direct investments (confidential: the screening service only)."""

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    ordering_fields = ["recorded_at", "signing_date"]

    def get_queryset(self):
        user = reader(self.request)
        if not may(user, "investment_screening.handle"):
            return Notification.objects.none()
        return (
            Notification.objects.visible_to(user)
            .select_related("case", "target")
            .prefetch_related("owners")
            .order_by("-recorded_at", "-pk")
        )
