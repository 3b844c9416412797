from django.urls import path

from chancery.strategic_goods import views

app_name = "strategic_goods"

urlpatterns = [
    path("", views.index, name="index"),
    path("treffers/<int:pk>/", views.hit, name="hit"),
    path("screening/<path:subject>/", views.subject, name="subject"),
    path("dossiers/<str:reference>/criteria/", views.finding, name="finding"),
]
