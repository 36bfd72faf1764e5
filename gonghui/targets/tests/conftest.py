from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from gonghui.assistance.tests.conftest import rules  # noqa: F401 (the assistance source's fixture)
from gonghui.services.notify import MemoryBackend


@pytest.fixture
def outbox(settings) -> list:  # type: ignore[no-untyped-def,type-arg]
    settings.GONGHUI_NOTIFY_BACKEND = "gonghui.services.notify.MemoryBackend"
    MemoryBackend.outbox = []
    return MemoryBackend.outbox


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.date], None]:
    """Set the day the module believes it is (deadlines, open months, the workbench)."""

    def set_day(day: dt.date) -> None:
        monkeypatch.setattr("gonghui.kernel.cleaning.today", lambda: day)

    set_day(dt.date(2025, 3, 10))
    return set_day
