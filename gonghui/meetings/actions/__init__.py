"""Every change to committees, meetings, elections and passing-on: scoped, validated, audited."""

from ..rulebook import Outcome, election_evaluate
from .committees import LEAVING_REASONS, SeatIn, committee_create, rules_set, seat_end, seats_register
from .elections import CandidateIn, Tally, election_cancel, election_confirm, election_count, election_create
from .facts import Draft, election_kind, election_target, meeting_draft_from_fact
from .meetings import (
    agenda_add,
    agenda_remove,
    attendance_set,
    document_add,
    meeting_cancel,
    meeting_create,
    meeting_record,
    meeting_reopen,
    meeting_update,
    minutes_export_record,
)
from .passon import passon_export_record, passon_record, passon_require, passon_undo, roster_export_record
from .structure import meetings_follow_dissolution, meetings_follow_merge

__all__ = [
    "LEAVING_REASONS",
    "CandidateIn",
    "Draft",
    "Outcome",
    "SeatIn",
    "Tally",
    "agenda_add",
    "agenda_remove",
    "attendance_set",
    "committee_create",
    "document_add",
    "election_cancel",
    "election_confirm",
    "election_count",
    "election_create",
    "election_evaluate",
    "election_kind",
    "election_target",
    "meeting_cancel",
    "meeting_create",
    "meeting_draft_from_fact",
    "meeting_record",
    "meeting_reopen",
    "meeting_update",
    "meetings_follow_dissolution",
    "meetings_follow_merge",
    "minutes_export_record",
    "passon_export_record",
    "passon_record",
    "passon_require",
    "passon_undo",
    "roster_export_record",
    "rules_set",
    "seat_end",
    "seats_register",
]  # fmt: skip
