from django.urls import path

from chancery.licensing import views

app_name = "licensing"

urlpatterns = [
    path("", views.index, name="index"),
    path("algemene/", views.registrations, name="registrations"),
    path("algemene/<int:pk>/", views.registration_detail, name="registration"),
    path("machtigingen/", views.authorisations, name="authorisations"),
    path("statistieken/", views.statistics_view, name="statistics"),
    path("statistieken/<int:year>/", views.statistics_view, name="statistics_year"),
    path("<str:number>/", views.licence_detail, name="licence"),
    path("<str:number>/verlengen/", views.licence_renew, name="renew"),
]

counter_patterns = (
    [
        path("", views.counter_licences, name="index"),
        path("algemene/registreren/", views.counter_register, name="register"),
        path("algemene/<int:pk>/", views.counter_registration, name="registration"),
        path("<str:number>/", views.counter_licence, name="licence"),
    ],
    "licensing_counter",
)

public_patterns = (
    [
        path("", views.public_index, name="index"),
        path("<int:year>/", views.public_report, name="report"),
        path("<int:year>.csv", views.public_report_csv, name="csv"),
    ],
    "licensing_public",
)
