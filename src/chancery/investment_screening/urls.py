from django.urls import path

from chancery.investment_screening import views

app_name = "investment_screening"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.index, name="year"),
    path("<int:year>.csv", views.report_csv, name="csv"),
    path("dossiers/<str:reference>/beoordeling/", views.assessment, name="assessment"),
]

public_patterns = (
    [
        path("", views.public_index, name="index"),
        path("<int:year>/", views.public_report, name="report"),
        path("<int:year>.csv", views.public_report_csv, name="csv"),
    ],
    "investment_screening_public",
)
