"""A published activity's time, place, places and description changed with a reason: those
signed up are told of a new time or place, places never below those confirmed, history kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from gonghui.activities import actions, selectors
from gonghui.activities.abilities import activity_abilities
from gonghui.activities.models import SignUp
from gonghui.core.models import AuditEntry
from gonghui.services.notify import MemoryBackend
from gonghui.tests.contract import assert_abilities_agree

from ..factories import make_activity, make_worker, name_of, soon, worker_user

pytestmark = pytest.mark.django_db
MEMORY = override_settings(GONGHUI_NOTIFY_BACKEND="gonghui.services.notify.MemoryBackend")


@pytest.fixture
def outbox():
    MemoryBackend.outbox.clear()
    with MEMORY:
        yield MemoryBackend.outbox


def test_a_new_time_and_place_are_told_to_those_signed_up(
    tree, personas, outbox, django_capture_on_commit_callbacks
):
    activity = make_activity(tree.street, capacity=1)
    a, b = make_worker(tree.grassroots, "林一"), make_worker(tree.grassroots, "陈二")
    actions.signup_create(actor=worker_user(a), activity=activity)
    actions.signup_create(actor=worker_user(b), activity=activity)
    start = soon(4, 9)
    with django_capture_on_commit_callbacks(execute=True):
        actions.activity_edit(actor=personas.street, activity=activity, reason="台风预警，改期改地点",
                              starts_at=start, ends_at=start + dt.timedelta(hours=2), place="赤岗街道文化站")  # fmt: skip
    assert sorted(n.to_name for n in outbox) == ["林一", "陈二"]
    assert "地点改为赤岗街道文化站" in outbox[0].text and "台风预警" in outbox[0].text
    assert outbox[0].to_phone == a.phone
    row = AuditEntry.objects.filter(action="activities.activity.edit").latest("pk")
    assert (
        row.detail["before"]["place"] == "赤岗街道职工之家"
        and row.detail["after"]["place"] == "赤岗街道文化站"
    )
    assert row.detail["told"] == 2
    deadline = activity.signup_until
    activity.refresh_from_db()
    assert (
        activity.signup_until == deadline <= activity.starts_at == start
    )  # a later start keeps the deadline
    history = selectors.activity_history(activity)
    assert (
        history[0].reason == "台风预警，改期改地点"
        and ("地点", "赤岗街道职工之家", "赤岗街道文化站") in history[0].lines
    )


def test_a_description_change_tells_nobody(tree, outbox, django_capture_on_commit_callbacks):
    activity = make_activity(tree.street)
    actions.signup_create(actor=worker_user(make_worker(tree.grassroots)), activity=activity)
    with django_capture_on_commit_callbacks(execute=True):
        actions.activity_edit(actor=None, activity=activity, reason="补充说明", description="请穿运动鞋")
    assert outbox == []


def test_places_never_below_those_confirmed_and_more_places_move_the_line_up(tree):
    activity = make_activity(tree.street, capacity=2)
    made = [actions.signup_create(actor=worker_user(make_worker(tree.grassroots, name_of(i))), activity=activity)
            for i in range(4)]  # fmt: skip
    with pytest.raises(ValidationError, match="名额不能少于已确认报名的 2 人"):
        actions.activity_edit(actor=None, activity=activity, reason="场地变小", capacity=1)
    actions.activity_edit(actor=None, activity=activity, reason="场地扩大", capacity=3)
    states = dict(SignUp.objects.filter(activity=activity).values_list("pk", "state"))
    assert [states[s.pk] for s in made] == ["confirmed", "confirmed", "confirmed", "waiting"]


def test_no_change_without_a_reason_or_with_nothing_changed(tree):
    activity = make_activity(tree.street)
    with pytest.raises(ValidationError, match="修改原因"):
        actions.activity_edit(actor=None, activity=activity, reason="", place="别处")
    with pytest.raises(ValidationError, match="没有修改任何内容"):
        actions.activity_edit(actor=None, activity=activity, reason="核对", place=activity.place)


def test_edit_abilities_agree_with_the_action(tree, personas):
    upcoming = make_activity(tree.street)
    cancelled = make_activity(tree.street, title="取消的活动")
    actions.activity_cancel(actor=None, activity=cancelled, reason="台风")
    assert_abilities_agree(
        actors=personas.items(),
        records=[upcoming, cancelled],
        abilities=activity_abilities,
        attempts={
            "edit": lambda actor, a: actions.activity_edit(
                actor=actor, activity=a, reason="调整", capacity=a.capacity + 1
            )
        },
    )


def test_the_officer_edits_on_the_page_and_sees_the_history(tree, personas, login):
    activity = make_activity(tree.street)
    client = login(personas.street)
    url = reverse("activities:edit", args=[activity.pk])
    assert url in client.get(reverse("activities:activity", args=[activity.pk])).content.decode()
    form = {"starts_at": activity.starts_at.strftime("%Y-%m-%dT%H:%M"), "ends_at": activity.ends_at.strftime("%Y-%m-%dT%H:%M"),
            "signup_until": activity.signup_until.strftime("%Y-%m-%dT%H:%M"), "place": "新港文化站", "capacity": 30}  # fmt: skip
    r = client.post(url, form)
    assert r.status_code == 422 and "修改原因" in r.content.decode()
    r = client.post(url, {**form, "reason": "原场地维修"})
    assert r.status_code == 302
    page = client.get(reverse("activities:activity", args=[activity.pk])).content.decode()
    assert "原场地维修" in page and "新港文化站" in page
    r = client.post(f"/api/activities/activities/{activity.pk}/edit", {"reason": "扩大", "capacity": 10},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 200 and r.json()["capacity"] == 10 and "edit" in r.json()["abilities"]
