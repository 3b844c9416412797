from django.urls import path

from chancery.decisions import views

app_name = "decisions"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("nieuw/", views.meeting_create, name="meeting_create"),
    path("kalender/", views.meeting_calendar, name="meeting_calendar"),
    path("dossiers/", views.dossier_list, name="dossier_list"),
    path("indieningen/", views.submission_list, name="submission_list"),
    path("publicaties/", views.publication_list, name="publication_list"),
    path("publicaties/<uuid:uuid>/", views.publication_detail, name="publication_detail"),
    path("punt/<int:pk>/publicatie/", views.publication_start, name="publication_start"),
    path("indieningen/<uuid:uuid>/", views.submission_detail, name="submission_detail"),
    path("<uuid:uuid>/indienen/", views.submission_create, name="submission_create"),
    path("dossiers/<uuid:uuid>/", views.dossier_detail, name="dossier_detail"),
    path("<uuid:uuid>/", views.meeting_detail, name="meeting_detail"),
    path("<uuid:uuid>/agenda/<str:letter>/", views.meeting_detail, name="agenda_detail"),
    path("<uuid:uuid>/agenda/<str:letter>/punt/", views.item_add, name="item_add"),
    path("<uuid:uuid>/agenda/<str:letter>/goedkeuren/", views.agenda_approve, name="agenda_approve"),
    path("<uuid:uuid>/agenda/<str:letter>/alles-formeel/", views.agenda_all_formal, name="agenda_all_formal"),
    path("<uuid:uuid>/vergelijk/", views.agenda_compare, name="agenda_compare"),
    path("<uuid:uuid>/afsluiten/", views.meeting_close, name="meeting_close"),
    path("<uuid:uuid>/notulen/", views.meeting_minutes, name="meeting_minutes"),
    path("<uuid:uuid>/aanwezigheid/", views.meeting_attendance, name="meeting_attendance"),
    path("<uuid:uuid>/vrijgave/plannen/", views.release_plan, name="release_plan"),
    path("vrijgave/<int:pk>/bevestigen/", views.release_confirm, name="release_confirm"),
    path("vrijgave/<int:pk>/nu/", views.release_now, name="release_now"),
    path("punt/<int:pk>/beslissing/", views.item_decide, name="item_decide"),
    path("punt/<int:pk>/kort-bestek/", views.item_press_summary, name="item_press_summary"),
    path("punt/<int:pk>/formeel/", views.item_formal_check, name="item_formal_check"),
    path("punt/<int:pk>/stuk/", views.item_attach, name="item_attach"),
    path("punt/<int:pk>/verplaats/", views.item_move, name="item_move"),
]
