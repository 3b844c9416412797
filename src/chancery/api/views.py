"""Read endpoints. Every queryset goes through the confidentiality layer with the reader's eyes
(`authentication.reader`): a caller gets exactly what the same person sees on the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action, api_view, permission_classes, schema
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse

from chancery.api import filters, routes, serializers, subscriptions, webhooks
from chancery.api.authentication import reader
from chancery.api.exceptions import PreconditionFailed, PreconditionRequired
from chancery.api.models import WebhookSubscription
from chancery.api.permissions import ManagesWebhooks
from chancery.core.models import Document, DocumentVersion


@api_view(["GET"])
@permission_classes([AllowAny])
@schema(None)
def root(request):
    def link(name):
        return reverse(name, request=request)

    collections = {route.prefix: f"api:{route.basename}-list" for route in routes.routes()}
    collections.update({"documents": "api:document-list", "webhooks": "api:webhook-list"})
    links = {prefix: link(name) for prefix, name in sorted(collections.items())}
    return Response({**links, "openapi": link("api:openapi"), "docs": link("api:docs")})


@api_view(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@permission_classes([AllowAny])
@schema(None)
def not_found(request):
    raise NotFound()


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.DocumentSerializer
    filterset_class = filters.DocumentFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return Document.objects.visible_to(reader(self.request)).prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.order_by("number"))
        )


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
        page = self.paginate_queryset(webhooks.log_for(subscription).select_related("event").order_by("-pk"))
        return self.get_paginated_response(serializers.DeliverySerializer(page, many=True).data)

    @extend_schema(request=None, responses={202: serializers.DeliverySerializer})
    @action(detail=True, methods=["post"], url_path=r"deliveries/(?P<delivery>\d+)/redeliver", url_name="redeliver")
    def redeliver(self, request, pk=None, delivery=None):
        subscription = self.get_object()
        original = get_object_or_404(webhooks.log_for(subscription), pk=delivery)
        again = _service(lambda: webhooks.redeliver(original))
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
