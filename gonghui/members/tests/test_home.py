"""The worker's own membership and its history on the member portal's home (members/home.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.members.actions import (
    member_leave,
    member_restore,
    member_retain,
    transfer_approve,
    transfer_request,
)
from gonghui.services.tests.factories import make_worker
from gonghui.tests.portal_home import panel, portal_home, portal_queries

pytestmark = pytest.mark.django_db
TITLE = "会籍变动"


def test_a_worker_sees_their_membership_history_newest_first_with_dates(tree, login):
    me = make_worker(tree.grassroots, "林小青", username="lin")  # applied 2020-01-01, approved 2020-01-02
    t = transfer_request(actor=None, member=me, to_org=tree.sibling_grassroots, on=dt.date(2021, 3, 1))
    transfer_approve(actor=None, transfer=t, side="out", on=dt.date(2021, 3, 2))
    transfer_approve(actor=None, transfer=t, side="in", on=dt.date(2021, 3, 5))
    member_retain(actor=None, member=me, on=dt.date(2024, 6, 1), note="退休")
    history = panel(portal_home(login(me.login.user)), TITLE)
    retained = history.index(f"保留会籍 · {tree.sibling_grassroots.name}")
    moved = history.index(f"转会完成：{tree.grassroots.name} → {tree.sibling_grassroots.name}")
    joined = history.index(f"批准入会 · {tree.grassroots.name}")
    assert retained < history.index("2024-06-01") < moved < history.index("2021-03-05") < joined
    assert history.index("2020-01-02") > joined
    # The steps on the way are not changes of the membership.
    assert "申请入会" not in history and "申请转会" not in history and "转出工会同意" not in history


def test_a_worker_never_sees_another_workers_history(tree, login):
    me = make_worker(tree.grassroots, "林小青", username="lin", phone="13800138001")
    other = make_worker(tree.sibling_grassroots, "王小红", username="wang", phone="13800138002")
    member_leave(actor=None, member=other, on=dt.date(2023, 9, 9), reason="离职")
    page = portal_home(login(me.login.user))
    history = panel(page, TITLE)
    assert f"批准入会 · {tree.grassroots.name}" in history
    assert "退会" not in history and "2023-09-09" not in page and tree.sibling_grassroots.name not in history


def test_the_history_shows_the_latest_five_and_costs_the_same_whatever_its_length(tree, login):
    me = make_worker(tree.grassroots, "林小青", username="lin")
    client = login(me.login.user)
    few = portal_queries(client)
    for month in range(1, 5):
        member_retain(actor=None, member=me, on=dt.date(2024, month, 1))
        member_restore(actor=None, member=me, on=dt.date(2024, month, 15))
    assert portal_queries(client) <= few
    history = panel(portal_home(client), TITLE)
    assert history.count("<li>") == 5 and "2024-04-15" in history and "2024-02-01" not in history
