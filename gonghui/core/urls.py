from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_log, name="audit"),
    path("jobs/<int:job_id>/", views.job_detail, name="job"),
    path("unions/pick/", views.union_pick, name="union_pick"),
    path("divisions/pick/", views.division_pick, name="division_pick"),
]
