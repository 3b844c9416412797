from django.urls import path

from chancery.regulation import views

app_name = "regulation"

# Public: /regelgeving/
urlpatterns = [
    path("", views.index, name="index"),
    path("regeldruk/", views.burden_overview, name="burden"),
    path("berekeningen/<int:pk>/", views.calculation, name="calculation"),
    path("eli/<path:eli>", views.by_eli, name="eli"),
    path("<int:pk>/", views.detail, name="detail"),
]

# The back office: /app/regelgeving/
office_patterns = (
    [
        path("", views.office, name="index"),
        path("ontwerpen/<int:pk>/", views.draft, name="draft"),
    ],
    "regulation_office",
)
