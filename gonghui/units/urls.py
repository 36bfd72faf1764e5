from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("export/", views.unit_export, name="export"),
    path("new/", views.unit_create, name="create"),
    path("<int:unit_id>/", views.unit_detail, name="detail"),
    path("<int:unit_id>/edit/", views.unit_edit, name="edit"),
    path("<int:unit_id>/close/", views.unit_close, name="close"),
    path("contracts/", views.contract_list, name="contracts"),
    path("contracts/new/", views.contract_create, name="contract_create"),
    path("contracts/export/", views.contract_export, name="contract_export"),
    path("contracts/<int:contract_id>/", views.contract_detail, name="contract_detail"),
    path("contracts/<int:contract_id>/end/", views.contract_end, name="contract_end"),
    path("report/", views.report_page, name="report"),
    path("report/export/", views.report_export, name="report_export"),
    path("import/", views.import_page, name="import"),
    path("import/template/<int:org_id>/", views.import_template, name="import_template"),
    path("import/<int:job_id>/", views.import_status, name="import_status"),
]
