from django.urls import path

from chancery.procedures import views

app_name = "procedures"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("werklast/", views.workload, name="workload"),
    path("statistieken/", views.statistics, name="statistics"),
    path("vertegenwoordigingen/", views.representations, name="representations"),
    path("vertegenwoordigingen/<int:pk>/intrekken/", views.representation_revoke, name="representation_revoke"),
    path("<str:reference>/", views.case_detail, name="case"),
    path("<str:reference>/stap/", views.case_fire, name="fire"),
    path("<str:reference>/nemen/", views.case_take, name="take"),
    path("<str:reference>/notitie/", views.case_note, name="note"),
    path("<str:reference>/stuk/", views.case_document, name="document"),
    path("<str:reference>/stukken/<int:pk>/", views.case_download, name="download"),
]

counter_patterns = (
    [
        path("", views.counter_index, name="index"),
        path("nieuw/<str:procedure>/", views.counter_apply, name="apply"),
        path("ontwerpen/<int:pk>/", views.counter_draft, name="draft"),
        path("ontwerpen/<int:pk>/verwijderen/", views.counter_draft_delete, name="draft_delete"),
        path("<str:reference>/", views.counter_case, name="case"),
        path("<str:reference>/antwoord/", views.counter_answer, name="answer"),
        path("<str:reference>/bericht/", views.counter_message, name="message"),
        path("<str:reference>/stukken/<int:pk>/", views.counter_download, name="download"),
    ],
    "counter",
)
