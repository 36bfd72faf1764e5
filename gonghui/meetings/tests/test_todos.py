"""The workbench's to-dos: meetings to pass on, and election results to confirm, within reach."""

from __future__ import annotations

import datetime as dt

from gonghui.kernel.registry import registry
from gonghui.meetings import actions
from gonghui.meetings.models import PassOn

from .factories import make_committee, make_election, make_meeting


def todo(key: str):  # type: ignore[no-untyped-def]
    return next(t for t in registry.todos() if t.key == key)


def test_meetings_to_pass_on_count_for_the_unions_one_may_edit(tree, personas, login):
    make_committee(tree.province, term=12, starts_on=dt.date(2008, 5, 22), members=6)
    plenary = make_meeting(tree.province, held_on=dt.date(2013, 3, 21), record=True)
    actions.passon_require(actor=None, meeting=plenary, depth=3)  # cities, districts, streets
    pending = todo("meetings.passon_pending")
    assert pending.count(personas.street) == 1
    assert pending.count(personas.city) == 4  # 广州, 海珠, 赤岗, 新港
    assert pending.count(personas.sibling) == 1 and pending.count(personas.member) == 0
    actions.passon_record(actor=personas.street, task=PassOn.objects.get(meeting=plenary, org=tree.street),
                          on=dt.date(2013, 3, 25), how="study")  # fmt: skip
    assert pending.count(personas.street) == 0 and pending.count(personas.city) == 3
    page = login(personas.city).get(pending.url).content.decode()
    assert page.count(">登记传达</a>") == 3


def test_election_results_to_confirm_count_and_list(tree, personas, login):
    make_committee(tree.street, members=4, chair="林主席", starts_on=dt.date(2012, 1, 1))
    meeting = make_meeting(tree.street, held_on=dt.date(2013, 3, 25), record=True)
    other = make_meeting(tree.street, held_on=dt.date(2013, 4, 25), record=True)
    make_election(meeting, ["甲候选人"], kind="add")
    make_election(meeting, ["乙候选人"], kind="add")
    confirm = todo("meetings.elections_to_confirm")
    assert (
        confirm.count(personas.street),
        confirm.count(personas.city),
        confirm.count(personas.sibling),
    ) == (2, 2, 0)
    page = login(personas.street).get(confirm.url).content.decode()
    assert meeting.name in page and other.name not in page
    assert other.name in login(personas.street).get("/meetings/").content.decode()
    assert meeting.name not in login(personas.sibling).get(confirm.url).content.decode()
