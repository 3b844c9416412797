from django.urls import path

from chancery.archive import views

app_name = "archive"

urlpatterns = [
    path("", views.index, name="index"),
    path("lijsten/nieuw/", views.propose, name="propose"),
    path("lijsten/<str:number>/", views.destruction_list, name="list"),
    path("lijsten/<str:number>/items/<int:pk>/schrappen/", views.strike, name="strike"),
    path("lijsten/<str:number>/goedkeuren/", views.approve, name="approve"),
    path("lijsten/<str:number>/uitvoeren/", views.carry_out, name="carry_out"),
    path("bewaarplicht/", views.place_hold, name="place_hold"),
    path("bewaarplicht/<int:pk>/opheffen/", views.lift_hold, name="lift_hold"),
    path("export/", views.export, name="export"),
]
