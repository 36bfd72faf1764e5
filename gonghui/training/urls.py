from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.course_list, name="list"),
    path("new/", views.course_create, name="create"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/<int:org_id>/export/", views.statistics_export, name="statistics_export"),
    path("<int:course_id>/", views.course_detail, name="course"),
    path("<int:course_id>/edit/", views.course_edit, name="edit"),
    path("<int:course_id>/step/", views.course_step, name="step"),
    path("<int:course_id>/sessions/", views.session_add, name="session_add"),
    path("<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("<int:course_id>/enrol/person/", views.enrol_person, name="enrol_person"),
    path("<int:course_id>/scores/", views.scores, name="scores"),
    path("<int:course_id>/certify/", views.certify, name="certify"),
    path("<int:course_id>/export/", views.roster_export, name="roster_export"),
    path("sessions/<int:session_id>/remove/", views.session_remove, name="session_remove"),
    path("sessions/<int:session_id>/attendance/", views.attendance, name="attendance"),
    path("sessions/<int:session_id>/scan/", views.scan, name="scan"),
    path("trainees/<int:enrolment_id>/withdraw/", views.enrolment_withdraw, name="withdraw"),
    path("trainees/<int:enrolment_id>/reveal/", views.trainee_reveal, name="reveal"),
    path("certificates/<int:certificate_id>/", views.certificate_download, name="certificate"),
    path("certificates/<int:certificate_id>/revoke/", views.certificate_revoke, name="revoke"),
    path("mine/", views.mine, name="mine"),
    path("courses/<int:course_id>/", views.open_course, name="open_course"),
    path("courses/<int:course_id>/enrol/", views.self_enrol, name="self_enrol"),
    path("public/<int:course_id>/", views.public_course, name="public_course"),
    path("enrolment/<str:code>/", views.enrolment_page, name="enrolment"),
    path("enrolment/<str:code>/certificate/", views.enrolment_certificate, name="enrolment_certificate"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:signed>/", views.verify_signed, name="verify_signed"),
]
