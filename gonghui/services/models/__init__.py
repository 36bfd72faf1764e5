"""Worker services: centres (心灵港湾), their rooms, services and providers with schedules;
bookings; online consultation threads; knowledge articles; legal-aid and rights cases.

A centre hangs from the org tree at `org` and serves the members of that union's subtree.
Consultation content (subjects and messages) is stored encrypted and read only through
`selectors.thread_get_for_actor`, which admits the member, the provider and the centre's
supervisor, and nobody else.
"""

from .bookings import (
    Article,
    Booking,
    Message,
    Thread,
)
from .cases import (
    LABOUR_DISPUTES,
    CaseCategory,
    CaseOutcome,
    CaseStage,
    CaseStep,
    RightsCase,
)
from .centres import (
    WEEKDAYS,
    Centre,
    Holiday,
    Provider,
    ProviderKind,
    Room,
    ScheduleException,
    Service,
    ServiceKind,
    WeeklySchedule,
)

__all__ = [
    "LABOUR_DISPUTES",
    "WEEKDAYS",
    "Article",
    "Booking",
    "CaseCategory",
    "CaseOutcome",
    "CaseStage",
    "CaseStep",
    "Centre",
    "Holiday",
    "Message",
    "Provider",
    "ProviderKind",
    "RightsCase",
    "Room",
    "ScheduleException",
    "Service",
    "ServiceKind",
    "Thread",
    "WeeklySchedule",
]
