"""The worker's own sign-ups and the activities they attended on the member portal's home
(activities/home.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gonghui.accounts.actions import role_grant
from gonghui.activities import actions
from gonghui.conftest import make_user
from gonghui.members.actions import member_link_user
from gonghui.members.tests.factories import member_in
from gonghui.tests.portal_home import links, panel, portal_home, portal_queries

from .factories import later_today, make_activity, make_worker, soon, worker_user

pytestmark = pytest.mark.django_db
ATTENDED = "我参加过的活动"
SIGNED_UP = "我的活动报名"


def _attend(user, title: str, org):  # type: ignore[no-untyped-def]
    activity = make_activity(org, title, starts_at=later_today())
    signup, _ = actions.checkin(actor=None, signup=actions.signup_create(actor=user, activity=activity))
    return signup


def test_a_worker_sees_the_activities_they_attended_apart_from_those_to_come(tree, login):
    me = worker_user(make_worker(tree.grassroots, "林小青", username="lin"))
    attended = _attend(me, "职工健康讲座", tree.street)
    actions.signup_create(actor=me, activity=make_activity(tree.street, "冬日暖心慰问", starts_at=soon()))
    client = login(me)
    page = portal_home(client)
    past, to_come = panel(page, ATTENDED), panel(page, SIGNED_UP)
    assert "职工健康讲座" in past and "已签到" in past and "赤岗街道职工之家" in past
    assert "冬日暖心慰问" in to_come and "职工健康讲座" not in to_come and "冬日暖心慰问" not in past
    assert links(past) == [reverse("activities:signup", args=[attended.pk])]
    assert client.get(links(past)[0]).status_code == 200


def test_an_activity_the_union_put_the_member_on_shows_as_attended_without_a_page(tree, login):
    """Signed up and checked in by the union before the worker had a login: theirs, but its
    page opens only for a sign-up made under the login."""
    member = member_in(tree.grassroots)
    activity = make_activity(tree.street, "户外一线职工慰问", starts_at=later_today())
    signup = actions.signup_add(actor=None, activity=activity, member=member)
    actions.checkin(actor=None, signup=signup)
    user = make_user("chen", None)
    role_grant(actor=None, user=user, org=tree.grassroots, kind="member")
    member_link_user(actor=None, member=member, user=user)
    client = login(user)
    past = panel(portal_home(client), ATTENDED)
    assert "户外一线职工慰问" in past and links(past) == []
    assert client.get(reverse("activities:signup", args=[signup.pk])).status_code == 403


def test_a_worker_never_sees_the_activities_another_worker_attended(tree, login):
    me = worker_user(make_worker(tree.grassroots, "林小青", username="lin", phone="13800138001"))
    other = worker_user(make_worker(tree.grassroots, "王小红", username="wang", phone="13800138002"))
    _attend(me, "职工健康讲座", tree.street)
    theirs = _attend(other, "职工书法班", tree.street)
    past = panel(portal_home(login(me)), ATTENDED)
    assert "职工健康讲座" in past and "职工书法班" not in past
    assert reverse("activities:signup", args=[theirs.pk]) not in links(past)


def test_the_attended_list_shows_the_latest_five_and_costs_the_same_whatever_its_length(tree, login):
    me = worker_user(make_worker(tree.grassroots, "林小青", username="lin"))
    _attend(me, "职工健康讲座", tree.street)
    client = login(me)
    few = portal_queries(client)
    for n in range(6):
        _attend(me, f"职工技能培训第{n + 1}期", tree.street)
    assert portal_queries(client) <= few
    assert panel(portal_home(client), ATTENDED).count("<li>") == 5
