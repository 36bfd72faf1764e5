from django.urls import path

from .views import applications, batches, funds, households, member, reports

app_name = "assistance"
urlpatterns = [
    path("", households.household_list, name="households"),
    path("households/new/", households.household_create, name="household_create"),
    path("households/duplicates/", households.duplicates, name="duplicates"),
    path("households/<int:household_id>/", households.household_detail, name="household_detail"),
    path("households/<int:household_id>/edit/", households.household_edit, name="household_edit"),
    path("households/<int:household_id>/reveal/", households.household_reveal, name="household_reveal"),
    path("households/<int:household_id>/review/", households.household_review, name="household_review"),
    path("households/<int:household_id>/verify/", households.household_verify, name="household_verify"),
    path("households/<int:household_id>/exit/", households.household_exit, name="household_exit"),
    path("households/<int:household_id>/merge/", households.household_merge, name="household_merge"),
    path("households/<int:household_id>/attachments/", households.attachment_add, name="attachment_add"),
    path("households/<int:household_id>/apply/", applications.application_create, name="application_create"),
    path("attachments/<int:attachment_id>/", households.attachment_download, name="attachment"),
    path("applications/", applications.application_list, name="applications"),
    path("applications/<int:application_id>/", applications.application_detail, name="application_detail"),
    path(
        "applications/<int:application_id>/approve/",
        applications.application_approve,
        name="application_approve",
    ),
    path(
        "applications/<int:application_id>/reject/",
        applications.application_reject,
        name="application_reject",
    ),
    path(
        "applications/<int:application_id>/publicity-end/",
        applications.application_end_publicity,
        name="application_end_publicity",
    ),
    path("applications/<int:application_id>/pay/", applications.application_pay, name="application_pay"),
    path(
        "applications/<int:application_id>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path("funds/", funds.fund_list, name="funds"),
    path("funds/deposit/", funds.fund_deposit, name="fund_deposit"),
    path("funds/allocate/", funds.fund_allocate, name="fund_allocate"),
    path("funds/<int:fund_id>/", funds.fund_detail, name="fund_detail"),
    path("batches/", batches.batch_list, name="batches"),
    path("batches/new/", batches.batch_create, name="batch_create"),
    path("batches/<int:batch_id>/", batches.batch_detail, name="batch_detail"),
    path("batches/<int:batch_id>/approve/", batches.batch_approve, name="batch_approve"),
    path("batches/<int:batch_id>/payment-file/", batches.batch_payment_file, name="batch_payment_file"),
    path("batches/<int:batch_id>/bank-return/", batches.batch_bank_return, name="batch_bank_return"),
    path("report/", reports.report_page, name="report"),
    path("report/export/", reports.report_export, name="report_export"),
    path("settings/lines/", reports.lines_page, name="lines"),
    path("settings/rules/", reports.rules_page, name="rules"),
    path("me/", member.my_assistance, name="me"),
    path("me/apply/", member.my_apply, name="me_apply"),
]
