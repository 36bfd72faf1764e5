from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("me/", views.member_me, name="me"),
    path("export/", views.member_export, name="export"),
    path("import/", views.import_start, name="import"),
    path("import/<int:job_id>/", views.import_status, name="import_status"),
    path("import/<int:job_id>/good-rows/", views.import_good_rows, name="import_good_rows"),
    path("join/", views.join_pick, name="join_pick"),
    path("org/<int:org_id>/join/", views.member_join, name="join"),
    path("org/<int:org_id>/template.xlsx", views.template_download, name="template"),
    path("transfers/", views.transfer_list, name="transfers"),
    path("transfers/<int:transfer_id>/", views.transfer_detail, name="transfer"),
    path("<int:member_id>/", views.member_detail, name="detail"),
    path("<int:member_id>/edit/", views.member_edit, name="edit"),
    path("<int:member_id>/reveal/", views.member_reveal, name="reveal"),
    path("<int:member_id>/transfer/", views.transfer_request, name="transfer_request"),
    *[
        path(f"<int:member_id>/{step}/", views.member_step, {"step": step}, name=step)
        for step in ("approve", "reject", "retain", "restore", "leave")
    ],
]
