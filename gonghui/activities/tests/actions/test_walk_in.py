"""A person who did not sign up, added at check-in: a member from the register or a non-member by
name and phone, within the places, audited, counted as a walk-in."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.activities import actions, report, selectors
from gonghui.activities.abilities import activity_abilities
from gonghui.activities.models import Activity, SignUp
from gonghui.core.models import AuditEntry
from gonghui.tests.contract import assert_abilities_agree

from ..factories import later_today, make_activity, make_worker, worker_user

pytestmark = pytest.mark.django_db


def _today(org, **values):
    return make_activity(org, starts_at=later_today(), **values)


def test_a_member_walks_in_checked_in_and_counted_as_such(tree, personas):
    activity = _today(tree.street, capacity=2)
    signed = actions.signup_create(
        actor=worker_user(make_worker(tree.grassroots, "林报名")), activity=activity
    )
    walker = make_worker(tree.grassroots, "陈现场")
    s = actions.walk_in_add(actor=personas.street, activity=activity, member=walker)
    assert (s.state, s.walk_in, s.member, s.checked_in_by, s.seq) == (
        "confirmed",
        True,
        walker,
        personas.street,
        2,
    )
    assert s.checked_in_at is not None and signed.walk_in is False
    roster = selectors.roster(activity)
    assert (roster.attended, roster.walk_ins) == (1, 1)
    listed = selectors.activity_list_for_actor(actor=personas.street, within=tree.street).get(pk=activity.pk)
    assert (listed.confirmed, listed.walk_ins) == (2, 1)
    assert list(report.roster_rows([signed, s]))[1][-1] == "现场加入"
    assert AuditEntry.objects.filter(action="activities.signup.walkin", object_id=str(s.pk)).exists()


def test_no_walk_in_beyond_the_places(tree, personas):
    activity = _today(tree.street, capacity=1)
    actions.walk_in_add(actor=personas.street, activity=activity, member=make_worker(tree.grassroots, "林一"))
    with pytest.raises(ValidationError, match=r"名额已满（1 人），不能再现场加人"):
        actions.walk_in_add(
            actor=personas.street, activity=activity, member=make_worker(tree.grassroots, "陈二")
        )
    assert SignUp.objects.filter(activity=activity).count() == 1


def test_a_non_member_walks_in_by_name_and_phone_only_where_anyone_may_come(tree, personas):
    public = _today(tree.street, audience=Activity.Audience.ANYONE)
    s = actions.walk_in_add(actor=personas.street, activity=public, name="黄外卖", phone="138 0013 8999")
    s.refresh_from_db()
    assert (s.member, s.phone, s.walk_in) == (None, "13800138999", True)
    with pytest.raises(ValidationError, match="该手机号已在本活动名单中"):
        actions.walk_in_add(actor=personas.street, activity=public, name="黄外卖", phone="13800138999")
    with pytest.raises(ValidationError, match="手机号码应为以1开头的11位数字"):
        actions.walk_in_add(actor=personas.street, activity=public, name="李某", phone="12345")
    members_only = _today(tree.street, title="会员专场")
    with pytest.raises(ValidationError, match="非会员不能现场加入"):
        actions.walk_in_add(actor=personas.street, activity=members_only, name="黄外卖", phone="13800138999")


def test_one_signed_up_already_is_checked_in_from_the_list_not_added_twice(tree, personas):
    activity = _today(tree.street)
    w = make_worker(tree.grassroots, "林报名")
    actions.signup_create(actor=worker_user(w), activity=activity)
    with pytest.raises(ValidationError, match="已在报名名单中"):
        actions.walk_in_add(actor=personas.street, activity=activity, member=w)


def test_walk_in_abilities_agree_with_the_action(tree, personas):
    today = _today(tree.street, capacity=5)
    full = _today(tree.street, title="满员", capacity=1)
    actions.walk_in_add(actor=None, activity=full, member=make_worker(tree.grassroots, "林满员"))
    later = make_activity(tree.street, title="下周的活动")
    walker = make_worker(tree.grassroots, "陈现场")
    assert_abilities_agree(
        actors=personas.items(),
        records=[today, full, later],
        abilities=activity_abilities,
        attempts={"walk_in": lambda actor, a: actions.walk_in_add(actor=actor, activity=a, member=walker)},
    )


def test_the_officer_adds_a_walk_in_on_the_check_in_page(tree, personas, login):
    activity = _today(tree.street, audience=Activity.Audience.ANYONE)
    make_worker(tree.grassroots, "陈现场")
    client = login(personas.street)
    url = reverse("activities:checkin", args=[activity.pk])
    page = client.get(url, {"member_q": "陈"}).content.decode()
    assert "陈现场" in page and reverse("activities:walk_in", args=[activity.pk]) in page
    r = client.post(
        reverse("activities:walk_in", args=[activity.pk]), {"name": "黄外卖", "phone": "13800138999"}
    )
    assert r.status_code == 200 and "黄外卖 已现场加入并签到" in r.content.decode()
    assert "其中现场加入 1 人" in r.content.decode()
    r = client.post(reverse("activities:walk_in", args=[activity.pk]), {"name": "黄外卖", "phone": "1"})
    assert r.status_code == 422
    api = client.post(f"/api/activities/activities/{activity.pk}/walkin", {"name": "李师傅", "phone": "13900139000"},
                      content_type="application/json")  # fmt: skip
    assert api.status_code == 201 and api.json()["walk_in"] is True
