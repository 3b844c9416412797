from django.urls import path

from chancery.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.decisions, name="decisions"),
    path("<uuid:uuid>/", views.meeting, name="meeting"),
    path("<uuid:uuid>/punten/<uuid:lineage>/", views.decision, name="decision"),
    path("stukken/<uuid:uuid>/", views.document, name="document"),
    path("dossiers/<uuid:uuid>/", views.dossier, name="dossier"),
    path("ministers/<int:pk>/", views.minister, name="minister"),
    path("ministers/<int:pk>/feed", views.MinisterFeed(), name="minister_feed"),
    path("themas/", views.themes, name="themes"),
    path("themas/<slug:slug>/", views.theme, name="theme"),
    path("themas/<slug:slug>/feed", views.ThemeFeed(), name="theme_feed"),
]
