from django.urls import path

from chancery.grants.prize import views

app_name = "prize"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.new_edition, name="new_edition"),
    path("<int:year>/", views.edition, name="edition"),
    path("<int:year>/jury/", views.add_jury_member, name="add_jury_member"),
    path("beoordelingen/<int:pk>/", views.review, name="review"),
]

public_patterns = (
    [
        path("", views.public_index, name="index"),
        path("<int:year>/", views.public_edition, name="edition"),
        path("<int:year>/voordragen/", views.nominate, name="nominate"),
    ],
    "prize_public",
)
