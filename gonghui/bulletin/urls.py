from django.urls import path

from . import views

app_name = "bulletin"
urlpatterns = [
    path("", views.index, name="index"),
    path("archive/", views.archive, name="archive"),
    path("stats/", views.stats_page, name="stats"),
    path("stats/<int:org_id>/xlsx/", views.stats_xlsx, name="stats_xlsx"),
    path("submissions/", views.submission_list, name="submissions"),
    path("submit/", views.submit_start, name="submit"),
    path("orgs/<int:org_id>/submit/", views.submission_new, name="submission_new"),
    path("orgs/<int:org_id>/new/", views.bulletin_new, name="bulletin_new"),
    path("submissions/<int:submission_id>/", views.submission_detail, name="submission"),
    path("submissions/<int:submission_id>/edit/", views.submission_edit, name="submission_edit"),
    path(
        "submissions/<int:submission_id>/transition/",
        views.submission_transition,
        name="submission_transition",
    ),
    path("photos/<int:photo_id>/", views.photo, name="photo"),
    path("<int:bulletin_id>/", views.bulletin_detail, name="bulletin"),
    path("<int:bulletin_id>/issues/new/", views.issue_new, name="issue_new"),
    path("<int:bulletin_id>/import/", views.issue_import, name="issue_import"),
    path("issues/<int:issue_id>/", views.issue_detail, name="issue"),
    path("issues/<int:issue_id>/edit/", views.issue_edit, name="issue_edit"),
    path("issues/<int:issue_id>/adopted/", views.issue_add_adopted, name="issue_add_adopted"),
    path("issues/<int:issue_id>/publish/", views.issue_publish, name="issue_publish"),
    path("issues/<int:issue_id>/delete/", views.issue_delete, name="issue_delete"),
    path("issues/<int:issue_id>/docx/", views.issue_docx_download, name="issue_docx"),
    path("issues/<int:issue_id>/pdf/", views.issue_pdf_download, name="issue_pdf"),
    path("issues/<int:issue_id>/facts/", views.issue_facts, name="issue_facts"),
    path("issues/<int:issue_id>/articles/new/", views.article_new, name="article_new"),
    path("articles/<int:article_id>/edit/", views.article_edit, name="article_edit"),
    path("articles/<int:article_id>/move/", views.article_move, name="article_move"),
    path("articles/<int:article_id>/remove/", views.article_remove, name="article_remove"),
    path("facts/<int:fact_id>/", views.fact_decide, name="fact_decide"),
]
