from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from chancery.api import routes, views

app_name = "api"

router = SimpleRouter(trailing_slash=False)
router.register("documents", views.DocumentViewSet, basename="document")
router.register("webhooks", views.WebhookViewSet, basename="webhook")
for route in routes.routes():
    router.register(route.prefix, route.viewset, basename=route.basename)

urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs", views.docs, name="docs"),
    path("", include(router.urls)),
    # Any other address under the API: a problem+json 404 in the caller's language, not the site's page.
    re_path(r"^.*$", views.not_found, name="not_found"),
]
