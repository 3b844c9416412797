from django.urls import path

from chancery.grants import views

app_name = "grants"

urlpatterns = [
    path("", views.index, name="index"),
    path("oproepen/<slug:slug>/", views.call_detail, name="call"),
    path("dossiers/<str:reference>/beoordelaar/", views.assign_reviewer, name="assign_reviewer"),
    path("beoordelingen/", views.my_reviews, name="my_reviews"),
    path("beoordelingen/<int:pk>/", views.review, name="review"),
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
        path("<slug:slug>/", views.public_call, name="call"),
    ],
    "grants_public",
)
