"""Every change in the assistance module: scoped, validated, audited in the same transaction."""

from .applications import (
    application_approve,
    application_end_publicity,
    application_pay,
    application_reject,
    application_submit,
    application_withdraw,
    applications_escalate,
    applications_publicity_close,
    applications_reroute,
)
from .batches import (
    Criteria,
    batch_approve,
    batch_create,
    batch_payment_file,
    batch_return_apply,
    batch_totals,
)
from .config import approval_rule_delete, approval_rule_set, subsistence_line_set
from .funds import fund_allocate, fund_deposit
from .households import (
    attachment_add,
    household_create,
    household_exit,
    household_merge,
    household_reveal,
    household_review,
    household_update,
    household_verify,
)
from .reports import report_export
from .structure import assistance_follow_dissolution, assistance_follow_merge, assistance_follow_relocation

__all__ = [
    "Criteria",
    "application_approve",
    "application_end_publicity",
    "application_pay",
    "application_reject",
    "application_submit",
    "application_withdraw",
    "applications_escalate",
    "applications_publicity_close",
    "applications_reroute",
    "approval_rule_delete",
    "approval_rule_set",
    "assistance_follow_dissolution",
    "assistance_follow_merge",
    "assistance_follow_relocation",
    "attachment_add",
    "batch_approve",
    "batch_create",
    "batch_payment_file",
    "batch_return_apply",
    "batch_totals",
    "fund_allocate",
    "fund_deposit",
    "household_create",
    "household_exit",
    "household_merge",
    "household_reveal",
    "household_review",
    "household_update",
    "household_verify",
    "report_export",
    "subsistence_line_set",
]  # fmt: skip
