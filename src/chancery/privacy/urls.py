from django.urls import path

from chancery.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.index, name="index"),
    path("inzage/", views.access, name="access"),
    path("wissen/", views.erase, name="erase"),
]

public_patterns = ([path("", views.statement, name="statement")], "privacy_public")
