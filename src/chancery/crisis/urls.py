from django.urls import path

from chancery.crisis import views

app_name = "crisis"

urlpatterns = [
    path("", views.crises, name="crises"),
    path("nieuw/", views.crisis_create, name="crisis_create"),
    path("<int:pk>/", views.crisis, name="crisis"),
    path("<int:pk>/logboek/", views.entry_add, name="entry_add"),
    path("<int:pk>/logboek/<int:number>/correctie/", views.entry_correct, name="entry_correct"),
    path("<int:pk>/niveau/", views.level, name="level"),
    path("<int:pk>/afsluiten/", views.close, name="close"),
    path("<int:pk>/leden/", views.member_add, name="member_add"),
    path("<int:pk>/taken/", views.task_add, name="task_add"),
    path("<int:pk>/taken/<int:task>/klaar/", views.task_done, name="task_done"),
    path("<int:pk>/contacten/", views.contact_add, name="contact_add"),
    path("<int:pk>/lessen/", views.lesson_add, name="lesson_add"),
    path("<int:pk>/bevindingen/", views.finding_add, name="finding_add"),
    path("<int:pk>/situatierapporten/", views.report_add, name="report_add"),
    path("<int:pk>/situatierapporten/<int:number>/", views.report, name="report"),
    path("<int:pk>/situatierapporten/<int:number>/pdf/", views.report_pdf, name="report_pdf"),
    path("<int:pk>/situatierapporten/<int:number>/edxl.xml", views.report_xml, name="report_xml"),
    path("continuiteit/", views.plans, name="plans"),
    path("continuiteit/<int:pk>/herzien/", views.plan_review, name="plan_review"),
]
