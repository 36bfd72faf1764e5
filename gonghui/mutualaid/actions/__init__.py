"""Writes of mutual aid: plans, quotas, group enrolment, contributions, claims and payouts. Each is
one transaction with its audit row; no state is set except through the workflows."""

from .bank import ReturnResult
from .claims import (
    FILE_TYPES,
    MAX_FILE_BYTES,
    claim_approve,
    claim_attach,
    claim_may_attach,
    claim_pay,
    claim_reject,
    claim_submit,
    claim_withdraw,
)
from .collections import collection_file, collection_return
from .enrolments import (
    Added,
    UnitsEnrolled,
    contribution_record,
    enrolment_add,
    enrolment_add_child,
    enrolment_cancel,
    enrolment_create,
    enrolment_import,
    enrolment_remove,
    enrolment_reopen,
    enrolment_submit,
    enrolment_units,
    person_refusals,
)
from .payouts import payout_file, payout_return
from .plans import plan_create
from .quotas import quota_set
from .reports import report_export
from .structure import mutualaid_follow_merge

__all__ = [
    "FILE_TYPES",
    "MAX_FILE_BYTES",
    "Added",
    "ReturnResult",
    "UnitsEnrolled",
    "claim_approve",
    "claim_attach",
    "claim_may_attach",
    "claim_pay",
    "claim_reject",
    "claim_submit",
    "claim_withdraw",
    "collection_file",
    "collection_return",
    "contribution_record",
    "enrolment_add",
    "enrolment_add_child",
    "enrolment_cancel",
    "enrolment_create",
    "enrolment_import",
    "enrolment_remove",
    "enrolment_reopen",
    "enrolment_submit",
    "enrolment_units",
    "mutualaid_follow_merge",
    "payout_file",
    "payout_return",
    "person_refusals",
    "plan_create",
    "quota_set",
    "report_export",
]
