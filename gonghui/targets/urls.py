from django.urls import path

from . import views, views_competitions

app_name = "targets"
urlpatterns = [
    path("", views.board, name="board"),
    path("new/", views.target_create, name="create"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("<int:target_id>/", views.target_detail, name="target"),
    path("<int:target_id>/report/", views.report_submit, name="report"),
    path("<int:target_id>/cascade/", views.target_cascade, name="cascade"),
    path("reports/<int:report_id>/correct/", views.report_correct, name="correct"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("<int:target_id>/publish/", views.target_publish, name="publish"),
    path("publication/", views.publication_set, name="publication"),
    path("public/<str:token>/", views.public_page, name="public"),
    path("progress/export/", views.progress_export, name="progress_export"),
    path("circular/", views.circular_page, name="circular"),
    path("circular/xlsx/", views.circular_export, name="circular_export"),
    path("circular/docx/", views.circular_docx_download, name="circular_docx"),
    path("circular/send/", views.circular_send, name="circular_send"),
    path("competitions/", views_competitions.competition_list, name="competitions"),
    path("competitions/new/", views_competitions.competition_create, name="competition_create"),
    path("competitions/<int:competition_id>/", views_competitions.competition_detail, name="competition"),
    path("competitions/<int:competition_id>/items/", views_competitions.item_add, name="item_add"),
    path("competitions/<int:competition_id>/entrants/", views_competitions.entrant_add, name="entrant_add"),
    path(
        "competitions/<int:competition_id>/start/",
        views_competitions.competition_step,
        {"step": "start"},
        name="competition_start",
    ),
    path(
        "competitions/<int:competition_id>/close/",
        views_competitions.competition_step,
        {"step": "close"},
        name="competition_close",
    ),
    path(
        "competitions/<int:competition_id>/honour/",
        views_competitions.competition_honour,
        name="competition_honour",
    ),
    path(
        "competitions/<int:competition_id>/export/",
        views_competitions.competition_export,
        name="competition_export",
    ),
    path("competitions/entrants/<int:entrant_id>/scores/", views_competitions.scores_record, name="scores"),
]
