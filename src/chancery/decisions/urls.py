from django.urls import path

from chancery.decisions.views import (
    agendas,
    attendance,
    documents,
    dossiers,
    outcomes,
    publications,
    releases,
    submissions,
)

app_name = "decisions"

urlpatterns = [
    path("", agendas.meeting_list, name="meeting_list"),
    path("nieuw/", agendas.meeting_create, name="meeting_create"),
    path("kalender/", agendas.meeting_calendar, name="meeting_calendar"),
    path("wachtende-punten/", agendas.items_awaiting, name="items_awaiting"),
    path("dossiers/", dossiers.dossier_list, name="dossier_list"),
    path("indieningen/", submissions.submission_list, name="submission_list"),
    path("publicaties/", publications.publication_list, name="publication_list"),
    path("publicaties/<uuid:uuid>/", publications.publication_detail, name="publication_detail"),
    path("punt/<int:pk>/publicatie/", publications.publication_start, name="publication_start"),
    path("indieningen/<uuid:uuid>/", submissions.submission_detail, name="submission_detail"),
    path("<uuid:uuid>/indienen/", submissions.submission_create, name="submission_create"),
    path("dossiers/<uuid:uuid>/", dossiers.dossier_detail, name="dossier_detail"),
    path("<uuid:uuid>/", agendas.meeting_detail, name="meeting_detail"),
    path("<uuid:uuid>/agenda/<str:letter>/", agendas.meeting_detail, name="agenda_detail"),
    path("<uuid:uuid>/agenda/<str:letter>/punt/", agendas.item_add, name="item_add"),
    path("<uuid:uuid>/agenda/<str:letter>/goedkeuren/", agendas.agenda_approve, name="agenda_approve"),
    path("<uuid:uuid>/agenda/<str:letter>/alles-formeel/", agendas.agenda_all_formal, name="agenda_all_formal"),
    path("<uuid:uuid>/vergelijk/", agendas.agenda_compare, name="agenda_compare"),
    path("<uuid:uuid>/afsluiten/", outcomes.meeting_close, name="meeting_close"),
    path("<uuid:uuid>/notulen/", outcomes.meeting_minutes, name="meeting_minutes"),
    path("<uuid:uuid>/aanwezigheid/", attendance.meeting_attendance, name="meeting_attendance"),
    path("<uuid:uuid>/vrijgave/plannen/", releases.release_plan, name="release_plan"),
    path("vrijgave/<int:pk>/bevestigen/", releases.release_confirm, name="release_confirm"),
    path("vrijgave/<int:pk>/nu/", releases.release_now, name="release_now"),
    path("punt/<int:pk>/beslissing/", outcomes.item_decide, name="item_decide"),
    path("punt/<int:pk>/kort-bestek/", outcomes.item_press_summary, name="item_press_summary"),
    path("punt/<int:pk>/formeel/", agendas.item_formal_check, name="item_formal_check"),
    path("punt/<int:pk>/stuk/", documents.item_attach, name="item_attach"),
    path("punt/<int:pk>/verplaats/", agendas.item_move, name="item_move"),
    path("punt/<int:pk>/naar-zitting/", agendas.item_move_to_meeting, name="item_move_to_meeting"),
]
