from django.urls import path

from chancery.grants import feeds, views, views_statistics

app_name = "grants"

urlpatterns = [
    path("", views.index, name="index"),
    path("oproepen/<slug:slug>/", views.call_detail, name="call"),
    path("dossiers/<str:reference>/beoordelaar/", views.assign_reviewer, name="assign_reviewer"),
    path("beoordelingen/", views.my_reviews, name="my_reviews"),
    path("beoordelingen/<int:pk>/", views.review, name="review"),
    # statistics (capability 10)
    path("statistieken/", views_statistics.statistics_view, name="statistics"),
    # The decision by the Government (issue 15 §4).
    path("dossiers/<str:reference>/regering/", views.submit_proposal, name="submit_proposal"),
    # Payments and reports (issue 15, capabilities 5 and 6).
    path("dossiers/<str:reference>/eindverslag/", views.assess_final_report, name="assess_final_report"),
    path("dossiers/<str:reference>/verslagen/<int:pk>/", views.review_interim_report, name="review_interim_report"),
]

# The beneficiary's report at the counter (/loket/subsidies/…).
counter_patterns = ([path("<str:reference>/verslag/", views.submit_report, name="report")], "grants_counter")

public_patterns = (
    [
        path("", views.public_calls, name="calls"),
        path("toekenningen/", views.public_grants, name="grants"),
        # statistics (capability 10) and the feed of open calls (capability 9), before a call's address
        path("statistieken/", views_statistics.public_statistics, name="statistics"),
        path("statistieken.csv", views_statistics.public_statistics_csv, name="statistics_csv"),
        path("feed", feeds.OpenCallsFeed(), name="feed"),
        path("<slug:slug>/", views.public_call, name="call"),
    ],
    "grants_public",
)
