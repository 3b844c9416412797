from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from chancery.api import views
from chancery.licensing.api import LicenceViewSet
from chancery.procedures.api import CaseViewSet

app_name = "api"

router = SimpleRouter(trailing_slash=False)
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("agenda-items", views.AgendaItemViewSet, basename="agendaitem")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("dossiers", views.DossierViewSet, basename="dossier")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("publications", views.PublicationViewSet, basename="publication")
router.register("webhooks", views.WebhookViewSet, basename="webhook")
router.register("ambitions", views.AmbitionViewSet, basename="ambition")
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("control-list", views.ControlListViewSet, basename="controllistentry")
router.register("cases", CaseViewSet, basename="case")
router.register("licences", LicenceViewSet, basename="licence")

urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs", views.docs, name="docs"),
    path("", include(router.urls)),
]
