from django.urls import path

from . import views

app_name = "mutualaid"
urlpatterns = [
    path("", views.home, name="home"),
    path("enrolments/new/", views.enrolment_new, name="enrolment_new"),
    path("enrolments/<int:enrolment_id>/", views.enrolment_detail, name="enrolment"),
    path("enrolments/<int:enrolment_id>/add/", views.enrolment_add, name="enrolment_add"),
    path("enrolments/<int:enrolment_id>/add-child/", views.enrolment_add_child, name="enrolment_add_child"),
    path("enrolments/<int:enrolment_id>/import/", views.enrolment_import, name="enrolment_import"),
    path("enrolments/<int:enrolment_id>/template/", views.enrolment_template, name="enrolment_template"),
    path("enrolments/<int:enrolment_id>/remove/", views.enrolment_remove, name="enrolment_remove"),
    path("enrolments/<int:enrolment_id>/submit/", views.enrolment_submit, name="enrolment_submit"),
    path("enrolments/<int:enrolment_id>/reopen/", views.enrolment_reopen, name="enrolment_reopen"),
    path("enrolments/<int:enrolment_id>/cancel/", views.enrolment_cancel, name="enrolment_cancel"),
    path("enrolments/<int:enrolment_id>/pay/", views.enrolment_pay, name="enrolment_pay"),
    path("enrolments/<int:enrolment_id>/claim/", views.claim_new, name="claim_new"),
    path("claims/", views.claim_list, name="claims"),
    path("claims/<int:claim_id>/", views.claim_detail, name="claim"),
    path("claims/<int:claim_id>/attach/", views.claim_attach, name="claim_attach"),
    path("claims/<int:claim_id>/approve/", views.claim_approve, name="claim_approve"),
    path("claims/<int:claim_id>/reject/", views.claim_reject, name="claim_reject"),
    path("claims/<int:claim_id>/pay/", views.claim_pay, name="claim_pay"),
    path("claims/<int:claim_id>/withdraw/", views.claim_withdraw, name="claim_withdraw"),
    path("claims/<int:claim_id>/files/<int:file_id>/", views.claim_file, name="claim_file"),
    path("payouts/", views.payouts, name="payouts"),
    path("payouts/file/", views.payout_file, name="payout_file"),
    path("payouts/return/", views.payout_return, name="payout_return"),
    path("collections/", views.collections, name="collections"),
    path("collections/file/", views.collection_file, name="collection_file"),
    path("collections/return/", views.collection_return, name="collection_return"),
    path("quotas/", views.quotas, name="quotas"),
    path("quotas/set/", views.quota_set, name="quota_set"),
    path("report/", views.report, name="report"),
    path("me/", views.me, name="me"),
    path("me/claim/", views.me_claim, name="me_claim"),
]
