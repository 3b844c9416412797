from django.urls import path

from chancery.core import signing_views, sso_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", sso_views.LoginView.as_view(), name="login"),
    # Single sign-on (core.sso): off, and these answer 404, until CHANCERY_OIDC_DISCOVERY_URL is set.
    path("login/sso/", sso_views.sso_login, name="sso_login"),
    path("login/sso/terug/", sso_views.sso_callback, name="sso_callback"),
    path("logout/", sso_views.LogoutView.as_view(), name="logout"),
    path("organisatie/", views.organisation, name="organisation"),
    path("documenten/", views.document_list, name="document_list"),
    path("documenten/nieuw/", views.document_create, name="document_create"),
    path("documenten/<uuid:uuid>/", views.document_detail, name="document_detail"),
    path("documenten/<uuid:uuid>/versie/", views.document_add_version, name="document_add_version"),
    path("documenten/<uuid:uuid>/wijzigen/", views.document_change, name="document_change"),
    path("documenten/<uuid:uuid>/vrijgave/", views.document_release, name="document_release"),
    path("documenten/<uuid:uuid>/v<int:number>/download/", views.document_download, name="document_download"),
    path("documenten/<uuid:uuid>/v<int:number>/pdf/", views.rendition_download, name="rendition_download"),
    path("documenten/<uuid:uuid>/ondertekenen/", signing_views.start_flow, name="signing_start"),
    path("handtekeningen/", signing_views.inbox, name="signing_inbox"),
    path("handtekeningen/<int:pk>/", signing_views.act, name="signing_act"),
    path("handtekeningen/stromen/<int:pk>/annuleren/", signing_views.cancel_flow, name="signing_cancel"),
    path("health/", views.health, name="health"),
]
