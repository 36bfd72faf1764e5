"""Every write of worker services: scoped, validated, audited in the same transaction."""

from .bookings import (
    MAX_OPEN_BOOKINGS,
    ROOM_TAKEN,
    TAKEN,
    booking_cancel,
    booking_create,
    booking_feedback,
    booking_mark,
    bookings_remind,
)
from .cases import case_advance, case_close, case_create, case_stats_export_record
from .centres import (
    centre_create,
    centre_set_supervisor,
    exception_add,
    holiday_add,
    provider_create,
    provider_set_units,
    room_create,
    schedule_add,
    schedule_end,
    service_create,
)
from .consultation import (
    OpenThread,
    article_create,
    article_update,
    consultation_open,
    thread_close,
    thread_post,
    thread_start,
)
from .structure import services_follow_dissolve, services_follow_merge

__all__ = [
    "MAX_OPEN_BOOKINGS",
    "ROOM_TAKEN",
    "TAKEN",
    "OpenThread",
    "article_create",
    "article_update",
    "booking_cancel",
    "booking_create",
    "booking_feedback",
    "booking_mark",
    "bookings_remind",
    "case_advance",
    "case_close",
    "case_create",
    "case_stats_export_record",
    "centre_create",
    "centre_set_supervisor",
    "consultation_open",
    "exception_add",
    "holiday_add",
    "provider_create",
    "provider_set_units",
    "room_create",
    "schedule_add",
    "schedule_end",
    "service_create",
    "services_follow_dissolve",
    "services_follow_merge",
    "thread_close",
    "thread_post",
    "thread_start",
]
