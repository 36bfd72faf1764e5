"""Pages of committees, meetings, elections and passing-on. Each view parses, calls selectors or
one action, renders; a refused form is shown again with status 422."""

from .committees import (
    committee_create,
    committee_detail,
    committee_list,
    roster_export,
    rules_edit,
    seat_end,
    seats_register,
)
from .elections import election_cancel, election_create, election_detail
from .facts import fact_draft, fact_list
from .meetings import (
    agenda_add,
    agenda_remove,
    attendance,
    document_add,
    document_download,
    meeting_cancel,
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_list,
    meeting_status,
    minutes,
)
from .passon import (
    passon_export,
    passon_list,
    passon_record,
    passon_report_page,
    passon_require,
    passon_subtree_report,
    passon_undo,
)

__all__ = [
    "agenda_add", "agenda_remove", "attendance", "committee_create", "committee_detail", "committee_list",
    "document_add", "document_download", "election_cancel", "election_create", "election_detail", "fact_draft",
    "fact_list", "meeting_cancel", "meeting_create", "meeting_detail", "meeting_edit", "meeting_list",
    "meeting_status", "minutes", "passon_export", "passon_list", "passon_record", "passon_report_page",
    "passon_require", "passon_subtree_report", "passon_undo", "roster_export", "rules_edit", "seat_end",
    "seats_register",
]  # fmt: skip
