"""Every write of the member portal: scoped, validated, audited in the same transaction."""

from .cards import card_issue, card_read, card_scan, card_token, cards_suspend_ended
from .devices import (
    device_code_check,
    device_code_send,
    device_forget,
    device_known,
    device_phone,
    device_remember,
)
from .joins import (
    join_approve,
    join_request_transfer,
    join_resubmit,
    join_route,
    join_send_back,
    join_submit,
    join_withdraw,
)
from .places import place_close, place_register, place_update
from .requests import (
    request_answer,
    request_escalate,
    request_rate,
    request_submit,
    request_to_case,
    request_to_hardship,
    requests_escalate_overdue,
    requests_export_record,
)
from .routes import trade_route_for, trade_route_remove, trade_route_set
from .structure import portal_follow_dissolution, portal_follow_merge

__all__ = [
    "card_issue",
    "card_read",
    "card_scan",
    "card_token",
    "cards_suspend_ended",
    "device_code_check",
    "device_code_send",
    "device_forget",
    "device_known",
    "device_phone",
    "device_remember",
    "join_approve",
    "join_request_transfer",
    "join_resubmit",
    "join_route",
    "join_send_back",
    "join_submit",
    "join_withdraw",
    "place_close",
    "place_register",
    "place_update",
    "portal_follow_dissolution",
    "portal_follow_merge",
    "request_answer",
    "request_escalate",
    "request_rate",
    "request_submit",
    "request_to_case",
    "request_to_hardship",
    "requests_escalate_overdue",
    "requests_export_record",
    "trade_route_for",
    "trade_route_remove",
    "trade_route_set",
]
