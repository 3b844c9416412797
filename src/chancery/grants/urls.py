from django.urls import path

from chancery.grants import views

app_name = "grants"

urlpatterns = [
    path("", views.index, name="index"),
    path("oproepen/<slug:slug>/", views.call_detail, name="call"),
    path("dossiers/<str:reference>/beoordelaar/", views.assign_reviewer, name="assign_reviewer"),
    path("beoordelingen/", views.my_reviews, name="my_reviews"),
    path("beoordelingen/<int:pk>/", views.review, name="review"),
    # The decision by the Government (issue 15 §4).
    path("dossiers/<str:reference>/regering/", views.submit_proposal, name="submit_proposal"),
]

public_patterns = (
    [
        path("", views.public_calls, name="calls"),
        path("toekenningen/", views.public_grants, name="grants"),
        path("<slug:slug>/", views.public_call, name="call"),
    ],
    "grants_public",
)
