from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The courses of these tests were held in March 2013; 'today' is the day after the last."""
    monkeypatch.setattr("gonghui.training.rules.today", lambda: dt.date(2013, 6, 30))
