from django.urls import path

from chancery.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rapporten/", views.report_list, name="reports"),
    path("visienotas/", views.vision_notes, name="vision_notes"),
    path("nieuw/", views.initiative_create, name="initiative_create"),
    path("rapporten/<int:pk>/", views.report_detail, name="report"),
    path("rapporten/<int:pk>/html/", views.report_html, name="report_html"),
    path("rapporten/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("indicatoren/<slug:code>/", views.indicator, name="indicator"),
    path("mijlpalen/<int:pk>/status/", views.milestone_status, name="milestone_status"),
    path("<slug:code>/", views.initiative, name="initiative"),
    path("<slug:code>/budget/", views.budget, name="budget"),
    path("<slug:code>/mijlpaal/", views.milestone_add, name="milestone_add"),
]

progress_patterns = (
    [
        path("", views.progress_index, name="index"),
        path("kalender/", views.release_calendar, name="calendar"),
        path("kalender.ics", views.release_calendar_ics, name="calendar_ics"),
        path("<slug:code>/", views.progress_detail, name="detail"),
    ],
    "progress",
)
