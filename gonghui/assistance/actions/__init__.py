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

__all__ = [
    "Criteria", "application_approve", "application_end_publicity", "application_pay", "application_reject",
    "application_submit", "application_withdraw", "applications_escalate", "applications_publicity_close",
    "approval_rule_delete", "approval_rule_set", "attachment_add", "batch_approve", "batch_create",
    "batch_payment_file", "batch_return_apply", "batch_totals", "fund_allocate", "fund_deposit",
    "household_create", "household_exit", "household_merge", "household_reveal", "household_review",
    "household_update", "household_verify", "subsistence_line_set",
]  # fmt: skip
