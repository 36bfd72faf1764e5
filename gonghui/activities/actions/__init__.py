"""Writes of the activities module: each checks who may, validates, changes and audits in one
transaction. Sign-ups, cancellations and check-ins lock the activity's row first, so that
concurrent ones never put more people on the list than its places, and the line keeps its order."""

from ._common import MAX_CAPACITY
from .activities import (
    EDITABLE,
    NOTIFIED,
    activity_cancel,
    activity_create,
    activity_edit,
    activity_result_record,
    export_record,
)
from .benefits import (
    CODE_SIGNS,
    benefit_set,
    benefit_set_refusal,
    code_read,
    code_shown,
    voucher_claim,
    voucher_redeem,
    voucher_redeem_by_code,
)
from .campaigns import (
    GoalShare,
    campaign_close,
    campaign_goals_split,
    campaign_open,
    campaign_reopen,
    campaigns_open_to,
    goal_of,
    goal_split_refusal,
)
from .groups import (
    FILL_SOURCES,
    group_add,
    group_create,
    group_fill,
    group_members_import,
    group_remove,
    groups_usable,
    partner_create,
)
from .signups import (
    checkin,
    checkin_by_code,
    signup_add,
    signup_cancel,
    signup_create,
    walk_in_add,
    walk_in_refusal,
)
from .tree import activities_follow_merge
from .volunteers import handout_record, hours_record, volunteer_join, volunteer_register

__all__ = [
    "CODE_SIGNS",
    "EDITABLE",
    "FILL_SOURCES",
    "MAX_CAPACITY",
    "NOTIFIED",
    "GoalShare",
    "activities_follow_merge",
    "activity_cancel",
    "activity_create",
    "activity_edit",
    "activity_result_record",
    "benefit_set",
    "benefit_set_refusal",
    "campaign_close",
    "campaign_goals_split",
    "campaign_open",
    "campaign_reopen",
    "campaigns_open_to",
    "checkin",
    "checkin_by_code",
    "code_read",
    "code_shown",
    "export_record",
    "goal_of",
    "goal_split_refusal",
    "group_add",
    "group_create",
    "group_fill",
    "group_members_import",
    "group_remove",
    "groups_usable",
    "handout_record",
    "hours_record",
    "partner_create",
    "signup_add",
    "signup_cancel",
    "signup_create",
    "volunteer_join",
    "volunteer_register",
    "voucher_claim",
    "voucher_redeem",
    "voucher_redeem_by_code",
    "walk_in_add",
    "walk_in_refusal",
]
