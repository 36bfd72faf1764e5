"""Writes of the honours module: each checks who may, validates, changes and audits in one
transaction. A step of a nomination or a round goes through `transition()` (workflow.py)."""

from ._common import SEXES
from .nominations import (
    FILE_MAX_BYTES,
    nomination_attach,
    nomination_create,
    nomination_recommend,
    nomination_reject,
    nomination_select,
    nomination_send_back,
    nomination_submit,
    nomination_update,
    nomination_withdraw,
)
from .register import (
    care_record,
    honour_record,
    register_export_record,
    studio_create,
    studio_year_set,
)
from .reveal import objection_reveal
from .rounds import (
    ANSWERS,
    allotter_of,
    kind_create,
    nominations_export_record,
    objection_answer,
    objection_record,
    objection_submit_public,
    quota_set,
    round_cancel,
    round_confer,
    round_open,
    round_publish,
)
from .structure import honours_follow_merge

__all__ = [
    "ANSWERS",
    "FILE_MAX_BYTES",
    "SEXES",
    "allotter_of",
    "care_record",
    "honour_record",
    "honours_follow_merge",
    "kind_create",
    "nomination_attach",
    "nomination_create",
    "nomination_recommend",
    "nomination_reject",
    "nomination_select",
    "nomination_send_back",
    "nomination_submit",
    "nomination_update",
    "nomination_withdraw",
    "nominations_export_record",
    "objection_answer",
    "objection_record",
    "objection_reveal",
    "objection_submit_public",
    "quota_set",
    "register_export_record",
    "round_cancel",
    "round_confer",
    "round_open",
    "round_publish",
    "studio_create",
    "studio_year_set",
]
