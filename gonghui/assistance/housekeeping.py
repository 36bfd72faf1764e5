"""What the worker does for assistance as it goes: overdue applications go up one level, ended
公示 periods close (the same as `manage.py assistance_escalate`)."""

from __future__ import annotations


def applications_due() -> None:
    from .actions import applications_escalate, applications_publicity_close

    applications_escalate()
    applications_publicity_close()
