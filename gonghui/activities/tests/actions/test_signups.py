"""Sign-up with a waiting list, self-cancellation until the deadline, promotion in order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gonghui.activities import actions
from gonghui.activities.models import Activity, SignUp
from gonghui.core.models import AuditEntry

from ..factories import make_activity, make_worker, name_of, soon, worker_user

pytestmark = pytest.mark.django_db


def test_sign_ups_fill_the_places_then_wait_in_line(tree):
    activity = make_activity(tree.street, capacity=2)
    workers = [make_worker(tree.grassroots, name_of(i)) for i in range(4)]
    made = [actions.signup_create(actor=worker_user(w), activity=activity) for w in workers]
    assert [s.state for s in made] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert [s.seq for s in made] == [1, 2, 3, 4]
    assert made[0].member == workers[0] and made[0].unit == tree.grassroots.name


def test_a_cancellation_promotes_the_first_in_line(tree):
    activity = make_activity(tree.street, capacity=1)
    a, b, c = (make_worker(tree.grassroots, n) for n in ("王小甲", "李小乙", "张小丙"))
    first = actions.signup_create(actor=worker_user(a), activity=activity)
    second = actions.signup_create(actor=worker_user(b), activity=activity)
    third = actions.signup_create(actor=worker_user(c), activity=activity)
    actions.signup_cancel(actor=worker_user(a), signup=first)
    states = dict(SignUp.objects.filter(activity=activity).values_list("pk", "state"))
    assert states == {first.pk: "cancelled", second.pk: "confirmed", third.pk: "waiting"}
    assert AuditEntry.objects.filter(action="activities.signup.promote", object_id=str(second.pk)).exists()


def test_a_waiting_cancellation_promotes_nobody(tree):
    activity = make_activity(tree.street, capacity=1)
    a, b, c = (make_worker(tree.grassroots, n) for n in ("王小甲", "李小乙", "张小丙"))
    actions.signup_create(actor=worker_user(a), activity=activity)
    waiting = actions.signup_create(actor=worker_user(b), activity=activity)
    last = actions.signup_create(actor=worker_user(c), activity=activity)
    actions.signup_cancel(actor=worker_user(b), signup=waiting)
    last.refresh_from_db()
    assert last.state == "waiting"


def test_one_person_signs_up_once_and_again_after_cancelling(tree):
    activity = make_activity(tree.street)
    w = make_worker(tree.grassroots)
    s = actions.signup_create(actor=worker_user(w), activity=activity)
    with pytest.raises(ValidationError, match="您已报名该活动"):
        actions.signup_create(actor=worker_user(w), activity=activity)
    actions.signup_cancel(actor=worker_user(w), signup=s)
    again = actions.signup_create(actor=worker_user(w), activity=activity)
    assert again.state == "confirmed" and again.seq == 2


def test_a_member_outside_the_organisers_subtree_cannot_sign_up_unless_open_to_anyone(tree):
    closed = make_activity(tree.street)
    public = make_activity(tree.street, audience=Activity.Audience.ANYONE)
    outsider = make_worker(tree.sibling_grassroots)
    with pytest.raises(ValidationError, match="仅限赤岗街道总工会及下级工会的会员报名"):
        actions.signup_create(actor=worker_user(outsider), activity=closed)
    assert actions.signup_create(actor=worker_user(outsider), activity=public).state == "confirmed"


def test_no_sign_up_after_the_deadline(tree, monkeypatch):
    activity = make_activity(tree.street, starts_at=soon(2), signup_until=soon(2) - dt.timedelta(hours=20))
    w = make_worker(tree.grassroots)
    later = activity.signup_until + dt.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    with pytest.raises(ValidationError, match=r"报名已于.*截止"):
        actions.signup_create(actor=worker_user(w), activity=activity)


def test_self_cancellation_ends_at_the_deadline(tree, monkeypatch):
    activity = make_activity(tree.street, starts_at=soon(2), signup_until=soon(2) - dt.timedelta(hours=20))
    w = make_worker(tree.grassroots)
    s = actions.signup_create(actor=worker_user(w), activity=activity)
    later = activity.signup_until + dt.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    with pytest.raises(ValidationError, match="不能再取消"):
        actions.signup_cancel(actor=worker_user(w), signup=s)


def test_another_worker_cannot_cancel_my_sign_up_but_the_organiser_can(tree, personas):
    activity = make_activity(tree.street)
    mine = actions.signup_create(actor=worker_user(make_worker(tree.grassroots, "王小甲")), activity=activity)
    other = make_worker(tree.grassroots, "李小乙")
    with pytest.raises(PermissionDenied):
        actions.signup_cancel(actor=worker_user(other), signup=mine)
    with pytest.raises(PermissionDenied):
        actions.signup_cancel(actor=personas.sibling, signup=mine)
    assert actions.signup_cancel(actor=personas.street, signup=mine).state == "cancelled"


def test_the_organiser_signs_a_member_up_on_their_behalf(tree, personas):
    activity = make_activity(tree.street, capacity=1)
    w = make_worker(tree.grassroots)
    s = actions.signup_add(actor=personas.street, activity=activity, member=w)
    assert s.user == worker_user(w) and s.state == "confirmed"
    with pytest.raises(ValidationError, match="已报名该活动"):
        actions.signup_create(actor=worker_user(w), activity=activity)
    with pytest.raises(PermissionDenied):
        actions.signup_add(
            actor=personas.sibling, activity=activity, member=make_worker(tree.sibling_grassroots)
        )


def test_no_sign_up_for_a_cancelled_activity(tree, personas):
    activity = make_activity(tree.street)
    actions.activity_cancel(actor=personas.street, activity=activity, reason="台风预警")
    with pytest.raises(ValidationError, match="已取消"):
        actions.signup_create(actor=worker_user(make_worker(tree.grassroots)), activity=activity)
