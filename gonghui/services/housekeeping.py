"""What the worker does for services as it goes: reminders of sessions starting within a day
(each booking is reminded once; the same as `manage.py services_remind`)."""

from __future__ import annotations

import datetime as dt


def bookings_due() -> None:
    from .actions import bookings_remind

    bookings_remind(ahead=dt.timedelta(hours=24))
