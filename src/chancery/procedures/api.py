"""`/api/v1/cases`: the files of every procedure, read-only, with the reader's eyes. Applicants see
their own files as the counter shows them (one masking, `procedures.masking`: states, steps, reasons
and deadlines), the administration what its pages show, anonymous callers and read-public tokens
nothing."""

from __future__ import annotations

import django_filters as filters
from django.db.models import Q
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers, viewsets

from chancery.api.authentication import reader
from chancery.core import links
from chancery.core.authz import may
from chancery.procedures import masking, registry
from chancery.procedures.models import Case, Party


class CaseFilter(filters.FilterSet):
    procedure = filters.CharFilter(help_text="A procedure's code, e.g. CSG (see `chancery procedures`)")
    state = filters.CharFilter(
        method="filter_state",
        help_text="A state code of the procedure, e.g. under_assessment (an applicant filters by the states they "
        "are shown)",
    )

    class Meta:
        model = Case
        fields = ["procedure", "state"]

    def filter_state(self, queryset, name, value):
        if may(reader(self.request), "procedures.handle_cases"):
            return queryset.filter(state=value)
        # By what the applicant is shown: awaiting_advice is not a state they can ask for.
        shown = Q(pk__in=[])
        for procedure in registry.all_procedures():
            shown |= Q(procedure=procedure.code, state__in=masking.states_shown_as(procedure, value))
        return queryset.filter(shown)


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["kind", "name", "registration_number", "country"]


class StepSerializer(serializers.Serializer):
    """A step as `masking.shown_history` gives it to the reader."""

    transition = serializers.CharField()
    source = serializers.CharField()
    target = serializers.CharField()
    at = serializers.DateTimeField()
    reason = serializers.CharField()


def _internal(context) -> bool:
    return may(reader(context["request"]), "procedures.handle_cases")


class CaseSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    procedure_name = serializers.SerializerMethodField()
    state_label = serializers.SerializerMethodField()
    applicant = PartySerializer(read_only=True)
    team = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    # As the reader is shown them (procedures.masking).
    state = serializers.SerializerMethodField()
    due_on = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id", "url", "reference", "procedure", "procedure_name", "state", "state_label", "title", "applicant",
            "team", "access_level", "created_at", "submitted_at", "closed_at", "due_on", "overdue", "history",
        ]  # fmt: skip

    def _shown_state(self, case) -> masking.ShownState | None:
        procedure = registry.find(case.procedure)
        return masking.shown_state(procedure, case.state, internal=_internal(self.context)) if procedure else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, case) -> str:
        return links.absolute(reverse("api:case-detail", args=[case.pk]), self.context["request"])

    def get_procedure_name(self, case) -> str:
        procedure = registry.find(case.procedure)
        return str(procedure.name) if procedure else case.procedure

    def get_state(self, case) -> str:
        shown = self._shown_state(case)
        return shown.code if shown else case.state

    def get_state_label(self, case) -> str:
        shown = self._shown_state(case)
        return str(shown.label) if shown else case.state

    @extend_schema_field({"type": "string", "format": "date", "nullable": True})
    def get_due_on(self, case):
        # Not for the applicant: a term that stops while advice is awaited would tell it.
        return case.due_on.isoformat() if case.due_on and _internal(self.context) else None

    @extend_schema_field({"type": "string", "nullable": True})
    def get_team(self, case) -> str | None:
        return case.team.name if case.team_id else None

    def get_overdue(self, case) -> bool:
        return case.is_overdue() if registry.find(case.procedure) and _internal(self.context) else False

    @extend_schema_field(
        inline_serializer(
            "CaseStep",
            fields={
                "transition": serializers.CharField(),
                "source": serializers.CharField(),
                "target": serializers.CharField(),
                "at": serializers.DateTimeField(),
                "reason": serializers.CharField(),
            },
            many=True,
        )
    )
    def get_history(self, case) -> list[dict]:
        procedure = registry.find(case.procedure)
        if procedure is None:
            return []
        steps = masking.shown_history(procedure, case.history.all(), internal=_internal(self.context))
        return StepSerializer(steps, many=True).data


class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Files (zaken) of every procedure, filterable by procedure and state."""

    serializer_class = CaseSerializer
    filterset_class = CaseFilter
    ordering_fields = ["created_at", "due_on"]

    def get_queryset(self):
        return (
            Case.objects.visible_to(reader(self.request))
            .select_related("applicant", "team")
            .prefetch_related("history")
        )
