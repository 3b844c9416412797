from django.urls import path

from chancery.eu_files import views

app_name = "eu_files"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.act, name="act"),
    path("<int:pk>/standpunt/", views.position_add, name="position_add"),
    path("<int:pk>/opvolging/", views.tracking, name="tracking"),
    path("<int:pk>/standpunt/<int:position_pk>/goedkeuren/", views.approve, name="approve"),
    path("<int:pk>/standpunt/<int:position_pk>/indienen/", views.submit, name="submit"),
    path("coordinatie/", views.meetings, name="meetings"),
    path("coordinatie/<int:pk>/", views.meeting, name="meeting"),
    path("coordinatie/<int:pk>/aanwezige/", views.attendee_add, name="attendee_add"),
    path("coordinatie/<int:pk>/uitkomst/", views.outcome_add, name="outcome_add"),
    path("coordinatie/<int:pk>/escalatie/", views.escalate, name="escalate"),
    path("raad/", views.councils, name="councils"),
]
