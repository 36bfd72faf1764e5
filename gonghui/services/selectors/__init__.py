"""Reads of worker services, always through the scope module or the relation to the record.

Centres, providers, bookings and articles follow the scope rule on the centre's union (officers)
and, for workers, the centre's catchment: a centre serves the members of its union's subtree.
Consultation threads are stricter: only the member, the provider and the centre's supervisor,
whatever roles anyone else holds.
"""

from ._common import (
    BOOKING_WINDOW_DAYS,
    NOT_FOUND,
    day_start,
    own_member,
    serves,
)
from .bookings import (
    booking_get_for_actor,
    booking_relation,
    bookings_for_actor,
    bookings_for_member,
    bookings_for_provider_user,
    bookings_of_provider,
    member_find_for_actor,
)
from .cases import (
    case_get_for_actor,
    case_list_for_actor,
    cases_for_actor,
)
from .centres import (
    centre_get_for_actor,
    centres_for_actor,
    centres_for_member,
    centres_serving_actor,
    free_slots,
    lawyers_for_actor,
    provider_get_for_actor,
    provider_get_for_booking,
    provider_get_for_member,
    providers_for_member,
    providers_of_user,
    schedule_inputs,
    schedules_current,
    service_of_provider,
    slot_for,
)
from .consultation import (
    article_get_for_actor,
    articles_for_actor,
    articles_for_reader,
    thread_get_for_actor,
    thread_role,
    threads_for_user,
)

__all__ = [
    "BOOKING_WINDOW_DAYS",
    "NOT_FOUND",
    "article_get_for_actor",
    "articles_for_actor",
    "articles_for_reader",
    "booking_get_for_actor",
    "booking_relation",
    "bookings_for_actor",
    "bookings_for_member",
    "bookings_for_provider_user",
    "bookings_of_provider",
    "case_get_for_actor",
    "case_list_for_actor",
    "cases_for_actor",
    "centre_get_for_actor",
    "centres_for_actor",
    "centres_for_member",
    "centres_serving_actor",
    "day_start",
    "free_slots",
    "lawyers_for_actor",
    "member_find_for_actor",
    "own_member",
    "provider_get_for_actor",
    "provider_get_for_booking",
    "provider_get_for_member",
    "providers_for_member",
    "providers_of_user",
    "schedule_inputs",
    "schedules_current",
    "serves",
    "service_of_provider",
    "slot_for",
    "thread_get_for_actor",
    "thread_role",
    "threads_for_user",
]
