from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The courses of these tests are held in spring 2013; for the rules, today is 30 June 2013."""
    monkeypatch.setattr("gonghui.training.rules.today", lambda: dt.date(2013, 6, 30))
