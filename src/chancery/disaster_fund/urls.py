from django.urls import path

from chancery.disaster_fund import views

app_name = "disaster_fund"

urlpatterns = [
    path("", views.index, name="index"),
    path("gebeurtenissen/<int:pk>/", views.event_detail, name="event"),
    path("afwijkingen/", views.anomalies, name="anomalies"),
    path("afwijkingen.csv", views.anomalies_csv, name="anomalies_csv"),
    path("afwijkingen.xlsx", views.anomalies_xlsx, name="anomalies_xlsx"),
    path("statistieken/", views.statistics_view, name="statistics"),
    path("dossiers/<str:reference>/expert/", views.claim_expert, name="claim_expert"),
    path("dossiers/<str:reference>/verslag/", views.claim_report, name="claim_report"),
    path("dossiers/<str:reference>/verzekering/", views.claim_insurance, name="claim_insurance"),
    path("dossiers/<str:reference>/afwijking/", views.claim_anomaly, name="claim_anomaly"),
]

counter_patterns = ([path("", views.counter_report, name="report")], "disaster_fund_counter")

public_patterns = (
    [
        path("", views.public_statistics, name="statistics"),
        path("statistieken.csv", views.public_statistics_csv, name="statistics_csv"),
    ],
    "disaster_fund_public",
)
