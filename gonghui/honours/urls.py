from django.urls import path

from . import views

app_name = "honours"

urlpatterns = [
    path("", views.rounds, name="rounds"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:round_id>/", views.round_detail, name="round"),
    path("rounds/<int:round_id>/export/", views.round_export, name="round_export"),
    path("rounds/<int:round_id>/quota/", views.round_quota, name="round_quota"),
    path("rounds/<int:round_id>/publish/", views.round_publish, name="round_publish"),
    path("rounds/<int:round_id>/confer/", views.round_confer, name="round_confer"),
    path("rounds/<int:round_id>/cancel/", views.round_cancel, name="round_cancel"),
    path("quotas/<int:quota_id>/", views.quota_detail, name="quota"),
    path("review/", views.review, name="review"),
    path("nominations/new/", views.nomination_create, name="nomination_create"),
    path("nominations/<int:nomination_id>/", views.nomination_detail, name="nomination"),
    path("nominations/<int:nomination_id>/edit/", views.nomination_edit, name="nomination_edit"),
    path("nominations/<int:nomination_id>/attach/", views.nomination_attach, name="nomination_attach"),
    path("attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("nominations/<int:nomination_id>/submit/", views.nomination_submit, name="nomination_submit"),
    path(
        "nominations/<int:nomination_id>/recommend/", views.nomination_recommend, name="nomination_recommend"
    ),
    path("nominations/<int:nomination_id>/select/", views.nomination_select, name="nomination_select"),
    path(
        "nominations/<int:nomination_id>/send-back/", views.nomination_send_back, name="nomination_send_back"
    ),
    path("nominations/<int:nomination_id>/reject/", views.nomination_reject, name="nomination_reject"),
    path("nominations/<int:nomination_id>/withdraw/", views.nomination_withdraw, name="nomination_withdraw"),
    path("nominations/<int:nomination_id>/objections/", views.objection_record, name="objection_record"),
    path("objections/<int:objection_id>/answer/", views.objection_answer, name="objection_answer"),
    path("objections/<int:objection_id>/reveal/", views.objection_reveal, name="objection_reveal"),
    path("notice/", views.notice, name="notice"),
    path("register/", views.register, name="register"),
    path("register/export/", views.register_export, name="register_export"),
    path("register/import/", views.register_import, name="register_import"),
    path("register/template/<int:org_id>/", views.register_template, name="register_template"),
    path("register/new/", views.honour_create, name="honour_create"),
    path("register/<int:honour_id>/", views.honour_detail, name="honour"),
    path("register/<int:honour_id>/care/", views.care_create, name="care_create"),
    path("care/", views.care, name="care"),
    path("kinds/", views.kinds, name="kinds"),
    path("studios/", views.studios, name="studios"),
    path("studios/new/", views.studio_create, name="studio_create"),
    path("studios/<int:studio_id>/", views.studio_detail, name="studio"),
]
