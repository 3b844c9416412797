"""Read endpoints. Every queryset goes through the confidentiality layer with the reader's eyes
(`authentication.reader`): a caller gets exactly what the same person sees on the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action, api_view, permission_classes, schema
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse

from chancery.api import filters, serializers, subscriptions, webhooks
from chancery.api.authentication import reader
from chancery.api.exceptions import PreconditionFailed, PreconditionRequired
from chancery.api.models import Delivery, WebhookSubscription
from chancery.api.permissions import ManagesWebhooks
from chancery.core.authz import may
from chancery.core.models import Document, DocumentVersion
from chancery.decisions.models import AgendaItem, Decision, Dossier, Meeting, Publication, PublicationEvent
from chancery.monitoring.models import Indicator, Initiative, Level, Observation
from chancery.monitoring.services.assessment import assess_all
from chancery.portal.search import service as search
from chancery.portal.search.engines import engine
from chancery.portal.search.text import parse
from chancery.strategic_goods.models import ControlListEntry


@api_view(["GET"])
@permission_classes([AllowAny])
@schema(None)
def root(request):
    def link(name):
        return reverse(name, request=request)

    return Response(
        {
            "meetings": link("api:meeting-list"),
            "agenda-items": link("api:agendaitem-list"),
            "decisions": link("api:decision-list"),
            "dossiers": link("api:dossier-list"),
            "documents": link("api:document-list"),
            "publications": link("api:publication-list"),
            "ambitions": link("api:ambition-list"),
            "programmes": link("api:programme-list"),
            "indicators": link("api:indicator-list"),
            "control-list": link("api:controllistentry-list"),
            "cases": link("api:case-list"),
            "licences": link("api:licence-list"),
            "webhooks": link("api:webhook-list"),
            "openapi": link("api:openapi"),
            "docs": link("api:docs"),
        }
    )


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.MeetingSerializer
    filterset_class = filters.MeetingFilter
    ordering_fields = ["starts_at", "number"]

    def get_queryset(self):
        # Outsiders see a meeting only once something of it is released (embargo): its read rule.
        return Meeting.objects.visible_to(reader(self.request)).order_by("-starts_at")


class AgendaItemViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.AgendaItemSerializer
    filterset_class = filters.AgendaItemFilter
    ordering_fields = ["number"]

    def get_queryset(self):
        return (
            AgendaItem.objects.visible_to(reader(self.request))
            .filter(carried_over=False)
            .select_related("agenda__meeting")
            .prefetch_related("mandatees__person")
        )


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("q", str, description="Search like the portal's search page")])
)
class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.DecisionSerializer
    filterset_class = filters.DecisionFilter
    ordering_fields = ["decided_at"]

    def get_queryset(self):
        user = reader(self.request)
        # The rule through the decision's own item (a join, not the list of every visible item).
        decisions = Decision.objects.visible_to(user).select_related("item__agenda__meeting")
        text = self.request.query_params.get("q", "").strip()
        if text and self.action == "list":
            query = parse(text)
            if query.is_empty:
                return decisions.none()
            matched = engine().match(search.visible_entries(user), query).filter(kind="decision")
            decisions = decisions.filter(item__in=matched.values("item_id"))
        return decisions


class DossierViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.DossierSerializer
    filterset_class = filters.DossierFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return Dossier.objects.visible_to(reader(self.request)).prefetch_related("themes")


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.DocumentSerializer
    filterset_class = filters.DocumentFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return Document.objects.visible_to(reader(self.request)).prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.order_by("number"))
        )


class PublicationViewSet(viewsets.ReadOnlyModelViewSet):
    """Publications in the Belgian Official Gazette of decisions the reader may see. Outsiders see
    the published ones (with NUMAC and ELI); the internal steps are for internal readers."""

    serializer_class = serializers.PublicationSerializer
    filterset_class = filters.PublicationFilter
    ordering_fields = ["published_on", "created_at"]

    def get_queryset(self):
        user = reader(self.request)
        return (
            Publication.objects.visible_to(user)
            .select_related("decision_item__agenda__meeting")
            .prefetch_related(Prefetch("events", queryset=PublicationEvent.objects.visible_to(user)))
        )


class InitiativeViewSet(viewsets.ReadOnlyModelViewSet):
    """Core ambitions or programmes with their computed status. Outsiders see the public ones, and
    a status computed only from public, released figures; the administration and experts all."""

    serializer_class = serializers.InitiativeSerializer
    level = ""

    def get_queryset(self):
        user = reader(self.request)
        nodes = Initiative.objects.visible_to(user).filter(level=self.level).select_related("parent", "lead_entity")
        board = may(user, "monitoring.view_dashboard")
        return nodes.order_by("position", "code") if board else nodes.order_by("pk")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = reader(self.request)
        context["assessments"] = assess_all(None, Initiative.objects.visible_to(user), reader=user)
        return context


class AmbitionViewSet(InitiativeViewSet):
    level = Level.AMBITION


class ProgrammeViewSet(InitiativeViewSet):
    level = Level.PROGRAMME


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """Indicators with their current values; outsiders get public indicators and released figures."""

    serializer_class = serializers.IndicatorSerializer

    def get_queryset(self):
        user = reader(self.request)
        shown = Observation.objects.visible_to(user).filter(is_current=True)
        return (
            Indicator.objects.visible_to(user)
            .prefetch_related("targets", Prefetch("observations", queryset=shown, to_attr="shown"))
            .order_by("pk")
        )


class ControlListViewSet(viewsets.ReadOnlyModelViewSet):
    """The control-list codes (an extract of the EU dual-use list, Annex I of Regulation (EU)
    2021/821, and of the EU Common Military List): public reference data, the same for every reader.
    A code is looked up by its canonical spelling, e.g. /control-list/3A001.a.1."""

    serializer_class = serializers.ControlListEntrySerializer
    filterset_class = filters.ControlListFilter
    lookup_field = "code"
    lookup_value_regex = r"[0-9A-Za-z.]+"
    ordering = ["position"]
    ordering_fields = ["position", "code"]
    queryset = ControlListEntry.objects.select_related("parent")

    def get_object(self):
        # Any spelling of a code finds it (3a001.A.1 → 3A001.a.1), as validation accepts it.
        from chancery.strategic_goods.services.control_list import normalise

        self.kwargs[self.lookup_field] = normalise(self.kwargs[self.lookup_field])
        return super().get_object()


def docs(request):
    """A readable page over the OpenAPI document (Swagger UI from the sidecar, started by our
    own script: no inline code, so the page keeps the site's Content-Security-Policy)."""
    return render(request, "api/docs.html")


IF_MATCH = OpenApiParameter(
    "If-Match", str, location=OpenApiParameter.HEADER, required=True, description="The ETag of the version changed"
)


class WebhookViewSet(viewsets.ModelViewSet):
    """The calling token's webhook subscriptions (scope `webhooks`). Changes need `If-Match` with
    the subscription's ETag; a stale one is refused (412) and changes nothing."""

    serializer_class = serializers.SubscriptionSerializer
    permission_classes = [ManagesWebhooks]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return WebhookSubscription.objects.filter(owner=self.request.auth).order_by("pk")

    def get_serializer_class(self):
        return serializers.NewSubscriptionSerializer if self.action == "create" else serializers.SubscriptionSerializer

    def retrieve(self, request, *args, **kwargs):
        subscription = self.get_object()
        response = Response(self.get_serializer(subscription).data)
        response["ETag"] = _etag(subscription)
        return response

    @extend_schema(responses={201: serializers.NewSubscriptionSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        subscription = _service(
            lambda: subscriptions.subscribe(request.auth, url=data["url"], event_types=data["event_types"])
        )
        response = Response(self.get_serializer(subscription).data, status=201)
        response["ETag"] = _etag(subscription)
        response["Location"] = serializer.get_url(subscription)
        return response

    @extend_schema(parameters=[IF_MATCH])
    def partial_update(self, request, *args, **kwargs):
        subscription = self.get_object()
        revision = _expected_revision(request, subscription)
        serializer = self.get_serializer(subscription, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = {
            key: value for key, value in serializer.validated_data.items() if key in ("url", "event_types", "active")
        }
        changed = _service(lambda: subscriptions.change(subscription, revision=revision, **fields))
        response = Response(self.get_serializer(changed).data)
        response["ETag"] = _etag(changed)
        return response

    @extend_schema(parameters=[IF_MATCH])
    def destroy(self, request, *args, **kwargs):
        """Deactivate: no more deliveries; the subscription and its delivery log are kept."""
        subscription = self.get_object()
        revision = _expected_revision(request, subscription)
        _service(lambda: subscriptions.change(subscription, revision=revision, active=False))
        return Response(status=204)

    @extend_schema(responses={200: serializers.DeliverySerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="deliveries", url_name="deliveries")
    def deliveries(self, request, pk=None):
        subscription = self.get_object()
        page = self.paginate_queryset(
            Delivery.objects.filter(subscription=subscription).select_related("event").order_by("-pk")
        )
        return self.get_paginated_response(serializers.DeliverySerializer(page, many=True).data)

    @extend_schema(request=None, responses={202: serializers.DeliverySerializer})
    @action(detail=True, methods=["post"], url_path=r"deliveries/(?P<delivery>\d+)/redeliver", url_name="redeliver")
    def redeliver(self, request, pk=None, delivery=None):
        subscription = self.get_object()
        original = get_object_or_404(Delivery, pk=delivery, subscription=subscription)
        again = webhooks.redeliver(original)
        return Response(serializers.DeliverySerializer(again).data, status=202)


def _etag(subscription) -> str:
    return f'"webhook-{subscription.pk}-{subscription.revision}"'


def _expected_revision(request, subscription) -> int:
    """The revision the caller changes: from If-Match; without it, 428 (we never guess)."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    if header != _etag(subscription) and header != "*":
        raise PreconditionFailed()
    return subscription.revision


def _service(call):
    try:
        return call()
    except subscriptions.StaleRevision:
        raise PreconditionFailed() from None
    except DjangoValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise DRFValidationError(exc.messages) from None
        # The API calls the receiver's address `target` (`url` is the subscription's own address).
        raise DRFValidationError(
            {("target" if name == "url" else name): messages for name, messages in exc.message_dict.items()}
        ) from None
