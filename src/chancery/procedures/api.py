"""`/api/v1/cases`: the files of every procedure, read-only, with the reader's eyes. Applicants see
their own files (with what the counter shows them), the administration what its pages show,
anonymous callers and read-public tokens nothing."""

from __future__ import annotations

import django_filters as filters
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers, viewsets

from chancery.api.authentication import reader
from chancery.core import links
from chancery.core.authz import may
from chancery.procedures import registry
from chancery.procedures.models import Case, CaseTransition, Party


class CaseFilter(filters.FilterSet):
    procedure = filters.CharFilter(help_text="A procedure's code, e.g. CSG (see `chancery procedures`)")
    state = filters.CharFilter(help_text="A state code of the procedure, e.g. under_assessment")

    class Meta:
        model = Case
        fields = ["procedure", "state"]


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["kind", "name", "registration_number", "country"]


class StepSerializer(serializers.ModelSerializer):
    transition = serializers.CharField(source="name")
    reason = serializers.SerializerMethodField()

    class Meta:
        model = CaseTransition
        fields = ["transition", "source", "target", "at", "reason"]

    def get_reason(self, step) -> str:
        # Internal reasons stay internal; the applicant reads only what is addressed to them.
        if self.context.get("internal") or step.reason_to_applicant:
            return step.reason
        return ""


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

    class Meta:
        model = Case
        fields = [
            "id", "url", "reference", "procedure", "procedure_name", "state", "state_label", "title", "applicant",
            "team", "access_level", "created_at", "submitted_at", "closed_at", "due_on", "overdue", "history",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, case) -> str:
        return links.absolute(reverse("api:case-detail", args=[case.pk]), self.context["request"])

    def get_procedure_name(self, case) -> str:
        procedure = registry.find(case.procedure)
        return str(procedure.name) if procedure else case.procedure

    def get_state_label(self, case) -> str:
        procedure = registry.find(case.procedure)
        if procedure is None:
            return case.state
        state = procedure.state(case.state)
        return str(state.label if _internal(self.context) else state.label_for_applicant)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_team(self, case) -> str | None:
        return case.team.name if case.team_id else None

    def get_overdue(self, case) -> bool:
        return case.is_overdue() if registry.find(case.procedure) else False

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
        context = {**self.context, "internal": _internal(self.context)}
        return StepSerializer(case.history.all(), many=True, context=context).data


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
