from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("export/", views.activity_export, name="export"),
    path("open/", views.open_activities, name="open"),
    path("new/", views.activity_create, name="activity_create"),
    path("import/", views.activity_import, name="import"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:campaign_id>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:campaign_id>/goals/", views.campaign_goals, name="campaign_goals"),
    path("campaigns/<int:campaign_id>/close/", views.campaign_close, name="campaign_close"),
    path("campaigns/<int:campaign_id>/reopen/", views.campaign_reopen, name="campaign_reopen"),
    path("<int:activity_id>/", views.activity_detail, name="activity"),
    path("<int:activity_id>/signup/", views.signup_create, name="signup_create"),
    path("<int:activity_id>/signups/add/", views.signup_add, name="signup_add"),
    path("<int:activity_id>/checkin/", views.checkin, name="checkin"),
    path("<int:activity_id>/walkin/", views.walk_in, name="walk_in"),
    path("<int:activity_id>/result/", views.activity_result, name="result"),
    path("<int:activity_id>/cancel/", views.activity_cancel, name="cancel"),
    path("<int:activity_id>/edit/", views.activity_edit, name="edit"),
    path("<int:activity_id>/handouts/", views.handout_record, name="handout"),
    path("<int:activity_id>/hours/", views.hours_record, name="hours"),
    path("<int:activity_id>/export/", views.roster_export, name="roster_export"),
    path("signups/<int:signup_id>/", views.signup_detail, name="signup"),
    path("signups/<int:signup_id>/code/", views.signup_code, name="signup_code"),
    path("signups/<int:signup_id>/cancel/", views.signup_cancel, name="signup_cancel"),
    path("partners/", views.partners, name="partners"),
    path("groups/", views.groups, name="groups"),
    path("groups/<int:group_id>/", views.group_detail, name="group"),
    path("groups/<int:group_id>/add/", views.group_add, name="group_add"),
    path("groups/<int:group_id>/remove/", views.group_remove, name="group_remove"),
    path("groups/<int:group_id>/fill/", views.group_fill, name="group_fill"),
    path("groups/<int:group_id>/import/", views.group_import, name="group_import"),
    path("volunteers/", views.volunteers, name="volunteers"),
    path("volunteers/export/", views.volunteers_export, name="volunteers_export"),
    path("volunteers/join/", views.volunteer_join, name="volunteer_join"),
]
