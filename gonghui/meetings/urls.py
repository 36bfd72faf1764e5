from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("<int:meeting_id>/edit/", views.meeting_edit, name="edit"),
    path("<int:meeting_id>/attendance/", views.attendance, name="attendance"),
    path("<int:meeting_id>/agenda/", views.agenda_add, name="agenda_add"),
    path("<int:meeting_id>/agenda/remove/", views.agenda_remove, name="agenda_remove"),
    path("<int:meeting_id>/documents/", views.document_add, name="document_add"),
    path("<int:meeting_id>/status/", views.meeting_status, name="status"),
    path("<int:meeting_id>/cancel/", views.meeting_cancel, name="cancel"),
    path("<int:meeting_id>/minutes/", views.minutes, name="minutes"),
    path("<int:meeting_id>/elections/new/", views.election_create, name="election_create"),
    path("<int:meeting_id>/passon/", views.passon_report_page, name="passon_report"),
    path("<int:meeting_id>/passon/require/", views.passon_require, name="passon_require"),
    path("<int:meeting_id>/passon/export/", views.passon_export, name="passon_export"),
    path("documents/<int:document_id>/", views.document_download, name="document"),
    path("elections/<int:election_id>/", views.election_detail, name="election"),
    path("elections/<int:election_id>/cancel/", views.election_cancel, name="election_cancel"),
    path("committees/", views.committee_list, name="committees"),
    path("committees/new/", views.committee_create, name="committee_create"),
    path("committees/<int:committee_id>/", views.committee_detail, name="committee"),
    path("committees/<int:committee_id>/seats/", views.seats_register, name="seats_register"),
    path("committees/<int:committee_id>/export/", views.roster_export, name="roster_export"),
    path("seats/<int:seat_id>/end/", views.seat_end, name="seat_end"),
    path("rules/", views.rules_edit, name="rules"),
    path("passon/", views.passon_list, name="passon_list"),
    path("passon/<int:passon_id>/", views.passon_record, name="passon_record"),
    path("passon/<int:passon_id>/undo/", views.passon_undo, name="passon_undo"),
    path("passon/<int:passon_id>/report/", views.passon_subtree_report, name="passon_subtree"),
    path("facts/", views.fact_list, name="facts"),
    path("facts/<int:fact_id>/draft/", views.fact_draft, name="fact_draft"),
]
