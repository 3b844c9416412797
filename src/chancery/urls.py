from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from chancery.core.admin_site import restrict_admin_to_administrators
from chancery.disaster_fund.urls import counter_patterns as disaster_counter_patterns
from chancery.disaster_fund.urls import public_patterns as disaster_public_patterns
from chancery.grants import views as grants_views
from chancery.grants.prize.urls import public_patterns as prize_public_patterns
from chancery.grants.urls import counter_patterns as grants_counter_patterns
from chancery.grants.urls import public_patterns as grants_public_patterns
from chancery.investment_screening.urls import public_patterns as investment_public_patterns
from chancery.licensing.urls import counter_patterns as licence_counter_patterns
from chancery.licensing.urls import public_patterns as licence_public_patterns
from chancery.monitoring.urls import progress_patterns
from chancery.operations import metrics as operations_metrics
from chancery.portal import views as portal_views
from chancery.portal.sitemaps import SITEMAPS
from chancery.privacy.urls import public_patterns as privacy_public_patterns
from chancery.procedures.urls import counter_patterns
from chancery.regulation.urls import office_patterns as regulation_office_patterns

restrict_admin_to_administrators(admin.site)

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("chancery.api.urls")),
    # The release panel's preview is the portal's page rendered for the secretariat (portal.views).
    path("app/zittingen/<uuid:uuid>/vrijgave/voorbeeld/", portal_views.release_preview, name="release_preview"),
    path("app/zittingen/", include("chancery.decisions.urls")),
    # The decisions back office moved under /app/ with the others: old links keep working.
    re_path(
        r"^zittingen/(?P<rest>.*)$",
        RedirectView.as_view(url="/app/zittingen/%(rest)s", permanent=True, query_string=True),
    ),
    path("besluiten/", include("chancery.portal.urls")),
    path("app/monitoring/", include("chancery.monitoring.urls")),
    path("app/strategische-goederen/", include("chancery.strategic_goods.urls")),
    path("app/netwerk/", include("chancery.foreign_network.urls")),
    path("app/eu/", include("chancery.eu_files.urls")),
    path("voortgang/", include(progress_patterns)),
    path("app/zaken/", include("chancery.procedures.urls")),
    path("app/vergunningen/", include("chancery.licensing.urls")),
    path("app/investeringen/", include("chancery.investment_screening.urls")),
    path("loket/vergunningen/", include(licence_counter_patterns)),
    path("app/rampenfonds/", include("chancery.disaster_fund.urls")),
    path("app/crisis/", include("chancery.crisis.urls")),
    path("loket/schademelding/", include(disaster_counter_patterns)),
    path("rampenfonds/", include(disaster_public_patterns)),
    path("app/subsidies/", include("chancery.grants.urls")),
    path("app/archief/", include("chancery.archive.urls")),
    path("oproepen/", include(grants_public_patterns)),
    # The human rights prize (grants.prize): its public pages and the service's and jury's pages.
    path("mensenrechtenprijs/", include(prize_public_patterns)),
    path("app/mensenrechtenprijs/", include("chancery.grants.prize.urls")),
    path("loket/subsidies/", include(grants_counter_patterns)),
    path("loket/", include(counter_patterns)),
    path("strategische-goederen/rapport/", include(licence_public_patterns)),
    path("investeringsscreening/rapport/", include(investment_public_patterns)),
    path("regelgeving/", include("chancery.regulation.urls")),
    path("app/privacy/", include("chancery.privacy.urls")),
    path("privacy/", include(privacy_public_patterns)),
    path("app/regelgeving/", include(regulation_office_patterns)),
    path("zoeken", portal_views.search, name="search"),
    path("zoeken/feed", portal_views.SearchFeed(), name="search_feed"),
    path("open-data/", portal_views.open_data, name="open_data"),
    # The granted grants (public accountability), made on each request from the grants themselves.
    path("open-data/subsidies.csv", grants_views.grants_csv, name="grants_open_data"),
    path("open-data/<str:name>", portal_views.open_data_file, name="open_data_file"),
    # The linked data's URIs (portal.linkeddata.Builder.uri): each dereferences (portal.views.identifier).
    path("id/<str:kind>/<path:key>", portal_views.identifier, name="identifier"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("health/", include("chancery.operations.urls")),
    path("metrics", operations_metrics.metrics, name="metrics"),
    path("", include("chancery.core.urls")),
]
