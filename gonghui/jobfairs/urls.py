from django.urls import path

from . import views

app_name = "jobfairs"
urlpatterns = [
    path("", views.fair_list, name="list"),
    path("new/", views.fair_create, name="create"),
    path("<int:fair_id>/", views.fair_detail, name="fair"),
    path("<int:fair_id>/step/", views.fair_step, name="fair_step"),
    path("<int:fair_id>/employers/new/", views.employer_create, name="employer_create"),
    path("<int:fair_id>/import/", views.fair_import, name="import"),
    path("<int:fair_id>/import/template/", views.fair_import_template, name="import_template"),
    path("<int:fair_id>/seekers/", views.seeker_list, name="seekers"),
    path("<int:fair_id>/seekers/new/", views.seeker_enrol, name="seeker_enrol"),
    path("<int:fair_id>/checkin/", views.checkin, name="checkin"),
    path("<int:fair_id>/result/", views.result, name="result"),
    path("<int:fair_id>/export/", views.export, name="export"),
    path("employers/<int:employer_id>/", views.employer_detail, name="employer"),
    path("employers/<int:employer_id>/step/", views.employer_step, name="employer_step"),
    path("employers/<int:employer_id>/positions/new/", views.position_create, name="position_create"),
    path("employers/<int:employer_id>/invite/", views.employer_invite, name="employer_invite"),
    path("desk/", views.desk, name="desk"),
    path("desk/<int:employer_id>/positions/new/", views.desk_position_create, name="desk_position_create"),
    path("desk/positions/<int:position_id>/", views.desk_position, name="desk_position"),
    path("desk/positions/<int:position_id>/edit/", views.desk_position_edit, name="desk_position_edit"),
    path("desk/positions/<int:position_id>/interview/", views.desk_interview, name="desk_interview"),
    path("positions/<int:position_id>/", views.position_detail, name="position"),
    path("positions/<int:position_id>/step/", views.position_step, name="position_step"),
    path("positions/<int:position_id>/interview/", views.interview_record, name="interview"),
    path("seekers/<int:seeker_id>/", views.seeker_detail, name="seeker"),
    path("seekers/<int:seeker_id>/reveal/", views.seeker_reveal, name="seeker_reveal"),
    path("seekers/<int:seeker_id>/checkin/", views.seeker_checkin, name="seeker_checkin"),
    path("todo/employers/", views.todo_employers, name="todo_employers"),
    path("todo/positions/", views.todo_positions, name="todo_positions"),
    path("me/", views.worker_home, name="worker_home"),
    path("me/fair/", views.worker_fair, name="worker_fair"),
    path("me/register/", views.worker_register, name="worker_register"),
]
