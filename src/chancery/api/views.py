"""Read endpoints. Every queryset goes through the confidentiality layer with the reader's eyes
(`authentication.reader`): a caller gets exactly what the same person sees on the pages."""

from django.db.models import Prefetch
from django.shortcuts import render
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse

from chancery.api import serializers
from chancery.api.authentication import reader
from chancery.core.models import Document, DocumentVersion
from chancery.decisions.models import AgendaItem, Decision, Dossier, Meeting
from chancery.portal.queries import meetings_with_decisions
from chancery.portal.search import service as search
from chancery.portal.search.engines import engine
from chancery.portal.search.text import parse


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
            "openapi": link("api:openapi"),
            "docs": link("api:docs"),
        }
    )


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.MeetingSerializer

    def get_queryset(self):
        user = reader(self.request)
        if getattr(user, "is_internal", False):
            return Meeting.objects.all()
        # Outsiders see a meeting only once something of it is released (embargo).
        return meetings_with_decisions(user)


class AgendaItemViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.AgendaItemSerializer

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

    def get_queryset(self):
        user = reader(self.request)
        decisions = Decision.objects.filter(item__in=AgendaItem.objects.visible_to(user).values("pk")).select_related(
            "item__agenda__meeting"
        )
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

    def get_queryset(self):
        return Dossier.objects.visible_to(reader(self.request))


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.DocumentSerializer

    def get_queryset(self):
        return Document.objects.visible_to(reader(self.request)).prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.order_by("number"))
        )


def docs(request):
    """A readable page over the OpenAPI document (Swagger UI from the sidecar, started by our
    own script: no inline code, so the page keeps the site's Content-Security-Policy)."""
    return render(request, "api/docs.html")
