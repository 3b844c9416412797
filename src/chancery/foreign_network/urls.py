from django.urls import path

from chancery.foreign_network import views

app_name = "foreign_network"

urlpatterns = [
    path("", views.posts, name="posts"),
    path("posten/<slug:code>/", views.post, name="post"),
    path("posten/<slug:code>/personeel/", views.assign, name="assign"),
    path("posten/<slug:code>/kosten/", views.cost, name="cost"),
    path("afwegingen/", views.assessments, name="assessments"),
    path("afwegingen/<int:pk>/", views.assessment, name="assessment"),
    path("afwegingen/<int:pk>/gewichten/", views.weights, name="weights"),
    path("afwegingen/<int:pk>/criterium/", views.criterion_add, name="criterion_add"),
    path("afwegingen/<int:pk>/kandidaat/", views.candidate_add, name="candidate_add"),
    path("afwegingen/<int:pk>/score/", views.score, name="score"),
    path("afwegingen/<int:pk>/rapport/", views.report, name="report"),
]
