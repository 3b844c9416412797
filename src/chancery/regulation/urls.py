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
    path("<int:pk>/signalen/", views.regulation_signals, name="regulation_signals"),
    path("signalen/", views.signals, name="signals"),
    path("signalen/melden/", views.report_signal, name="report_signal"),
]

# The back office: /app/regelgeving/
office_patterns = (
    [
        path("", views.office, name="index"),
        path("ontwerpen/<int:pk>/", views.draft, name="draft"),
        path("signalen/", views.moderation, name="moderation"),
        path("signalen/<int:pk>/", views.signal, name="signal"),
        path("signalen/bewijs/<int:pk>/", views.evidence, name="evidence"),
        path("signalen/groepen/<int:pk>/", views.group, name="group"),
        path("staat/", views.states, name="states"),
        path("staat/versies/<int:pk>/", views.state_version, name="state_version"),
    ],
    "regulation_office",
)
