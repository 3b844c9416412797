"""The read API of decision-making (`/api/v1/meetings`, `agenda-items`, `decisions`, `dossiers`,
`publications`), registered with the API kit (chancery.api.routes) by the portal, the read side of
decisions: the same queries, permalinks, ELIs and search as its pages, with the reader's eyes."""

import django_filters as filters
from django.db.models import Prefetch, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from chancery.api.authentication import reader
from chancery.api.filters import UtcDateTimeFilter, WholeNumberFilter
from chancery.api.serializers import LinkedSerializer, link
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
    PublicationEvent,
    PublicationStep,
    RegulationType,
    Theme,
)
from chancery.portal.linkeddata import eli_of
from chancery.portal.queries import decision_path
from chancery.portal.search import service as search
from chancery.portal.search.engines import engine
from chancery.portal.search.text import clean, parse


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


class PublicationFilter(filters.FilterSet):
    regulation_type = filters.ChoiceFilter(choices=RegulationType.choices)
    step = filters.ChoiceFilter(choices=PublicationStep.choices)
    published_after = filters.DateFilter(field_name="published_on", lookup_expr="gte")

    class Meta:
        model = Publication
        fields = ["regulation_type", "step"]


class MeetingSerializer(LinkedSerializer):
    detail_route = "api:meeting-detail"

    class Meta:
        model = Meeting
        fields = ["id", "url", "permalink", "kind", "year", "number", "starts_at", "place", "state"]

    def public_path(self, obj):
        return self.reverse("portal:meeting", args=[obj.uuid]) if obj.state != "planned" else None


class AgendaItemSerializer(LinkedSerializer):
    detail_route = "api:agendaitem-detail"
    meeting = serializers.SerializerMethodField()
    agenda_version = serializers.CharField(source="agenda.letter")
    final = serializers.BooleanField(source="agenda.is_final")
    ministers = serializers.SerializerMethodField()
    carried_over = serializers.BooleanField(
        help_text="Not part of this version: not formally in order at its approval (see moved_to)."
    )
    moved_from = serializers.SerializerMethodField()
    moved_to = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id", "url", "permalink", "meeting", "agenda_version", "final", "kind", "number", "title", "short_title",
            "ministers", "access_level", "release_state", "carried_over", "moved_from", "moved_to",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_meeting(self, obj) -> str:
        return link(self, "api:meeting-detail", [obj.agenda.meeting_id])

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_ministers(self, obj) -> list[str]:
        return [str(m.person) for m in obj.mandatees.all()]

    def _link(self, pk):
        return link(self, "api:agendaitem-detail", [pk])

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_moved_from(self, obj) -> str | None:
        """The item of an earlier meeting this one came from (postponed, withdrawn, not in order)."""
        return self._link(obj.postponed_from_id) if obj.postponed_from_id else None

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_moved_to(self, obj) -> str | None:
        """The item this one became on a later meeting; null while it waits for a meeting."""
        moved = next(iter(obj.postponed_to.all()), None)
        return self._link(moved.pk) if moved else None

    def public_path(self, obj):
        if obj.is_public and obj.agenda.is_final and not obj.carried_over:
            return decision_path(obj, self.reverse)
        return None


class DecisionSerializer(LinkedSerializer):
    detail_route = "api:decision-detail"
    item = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "url",
            "permalink",
            "item",
            "version",
            "result",
            "text",
            "motivation",
            "reference",
            "document",
            "decided_at",
            "reason",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_item(self, obj) -> str:
        return link(self, "api:agendaitem-detail", [obj.item_id])

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_document(self, obj) -> str | None:
        if obj.document_id is None:
            return None
        return link(self, "api:document-detail", [obj.document_id])

    def public_path(self, obj):
        item = obj.item
        if item.is_public:
            return decision_path(item, self.reverse)
        return None


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["uri", "label", "slug"]


class DossierSerializer(LinkedSerializer):
    detail_route = "api:dossier-detail"
    themes = ThemeSerializer(many=True, read_only=True)

    class Meta:
        model = Dossier
        fields = ["id", "url", "permalink", "title", "short_title", "access_level", "release_state", "themes"]

    def public_path(self, obj):
        return self.reverse("portal:dossier", args=[obj.uuid]) if obj.is_public else None


class PublicationEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = PublicationEvent
        fields = ["step", "on"]


class PublicationSerializer(LinkedSerializer):
    detail_route = "api:publication-detail"
    item = serializers.SerializerMethodField()
    eli = serializers.SerializerMethodField()
    events = PublicationEventSerializer(many=True, read_only=True)

    class Meta:
        model = Publication
        fields = [
            "id", "url", "permalink", "number", "item", "regulation_type", "urgent", "planned_date", "published_on",
            "numac", "eli", "step", "events",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_item(self, obj) -> str:
        return link(self, "api:agendaitem-detail", [obj.decision_item_id])

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_eli(self, obj) -> str | None:
        return eli_of(obj)

    def public_path(self, obj):
        item = obj.decision_item
        return decision_path(item, self.reverse) if item.is_public and item.agenda.is_final else None


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    ordering_fields = ["starts_at", "number"]

    def get_queryset(self):
        # Outsiders see a meeting only once something of it is released (embargo): its read rule.
        return Meeting.objects.visible_to(reader(self.request)).order_by("-starts_at")


class AgendaItemViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter
    ordering_fields = ["number"]

    def get_queryset(self):
        user = reader(self.request)
        return (
            AgendaItem.objects.visible_to(user)
            # An item carried out of a final agenda is not dropped: it answers, with where it went
            # (only to a reader who may see the item it became).
            .filter(Q(carried_over=False) | Q(agenda__is_final=True))
            .select_related("agenda__meeting")
            .prefetch_related("mandatees__person", Prefetch("postponed_to", AgendaItem.objects.visible_to(user)))
        )


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("q", str, description="Search like the portal's search page")])
)
class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter
    ordering_fields = ["decided_at"]

    def get_queryset(self):
        user = reader(self.request)
        # The rule through the decision's own item (a join, not the list of every visible item).
        # Of the item, its agenda and meeting only what the permalink needs (decision_path): the
        # wide rows of all three, made into objects, were a fifth of a list's time.
        decisions = (
            Decision.objects.visible_to(user)
            .select_related("item__agenda__meeting")
            .only(
                *(field.name for field in Decision._meta.concrete_fields),
                *("item__access_level", "item__release_state", "item__lineage", "item__agenda__meeting__uuid"),
            )
        )
        text = clean(self.request.query_params.get("q", ""))
        if text and self.action == "list":
            query = parse(text)
            if query.is_empty:
                return decisions.none()
            matched = engine().match(search.visible_entries(user), query).filter(kind="decision")
            decisions = decisions.filter(item__in=matched.values("item_id"))
        return decisions


class DossierViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DossierSerializer
    filterset_class = DossierFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return Dossier.objects.visible_to(reader(self.request)).prefetch_related("themes")


class PublicationViewSet(viewsets.ReadOnlyModelViewSet):
    """Publications in the Belgian Official Gazette of decisions the reader may see. Outsiders see
    the published ones (with NUMAC and ELI); the internal steps are for internal readers."""

    serializer_class = PublicationSerializer
    filterset_class = PublicationFilter
    ordering_fields = ["published_on", "created_at"]

    def get_queryset(self):
        user = reader(self.request)
        return (
            Publication.objects.visible_to(user)
            .select_related("decision_item__agenda__meeting")
            .prefetch_related(Prefetch("events", queryset=PublicationEvent.objects.visible_to(user)))
        )
