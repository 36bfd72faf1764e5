"""What each persona is offered agrees with what the actions let them do, and the pages show
exactly those buttons."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.activities import actions
from gonghui.activities.abilities import activity_abilities, campaign_abilities, signup_abilities
from gonghui.tests.contract import assert_abilities_agree, assert_page_offers, assert_pages_offer

from .factories import later_today, make_activity, make_campaign, make_worker, worker_user

pytestmark = pytest.mark.django_db


def test_activity_abilities_agree_with_the_actions(tree, personas):
    worker = make_worker(tree.grassroots)
    now = timezone.now()
    upcoming = make_activity(tree.street)
    today = make_activity(tree.street, title="今天的活动", starts_at=now + dt.timedelta(minutes=5))
    over = make_activity(tree.street, title="已开始的活动", starts_at=now - dt.timedelta(hours=1))
    full = make_activity(tree.grassroots, title="名额已满", capacity=1)
    actions.signup_create(actor=worker_user(make_worker(tree.grassroots, "林满员")), activity=full)
    cancelled = make_activity(tree.street, title="取消的活动")
    actions.activity_cancel(actor=None, activity=cancelled, reason="台风")
    done = make_activity(tree.street, title="已结束的活动", starts_at=now - dt.timedelta(hours=5))
    actions.activity_result_record(actor=None, activity=done, people_served=3)
    actors = [*personas.items(), ("worker", worker_user(worker))]
    assert_abilities_agree(
        actors=actors,
        records=[upcoming, today, over, full, cancelled, done],
        abilities=activity_abilities,
        attempts={
            "signup": lambda actor, a: actions.signup_create(actor=actor, activity=a),
            "result": lambda actor, a: actions.activity_result_record(actor=actor, activity=a, people_served=5),
            "cancel": lambda actor, a: actions.activity_cancel(actor=actor, activity=a, reason="天气原因"),
            "handout": lambda actor, a: actions.handout_record(actor=actor, activity=a, name="陈师傅", item="凉茶"),
        },
    )  # fmt: skip


def test_signup_abilities_agree_with_the_actions(tree, personas):
    now = timezone.now()
    a = make_activity(tree.street, starts_at=now + dt.timedelta(minutes=30), capacity=1)
    first = actions.signup_create(actor=worker_user(make_worker(tree.grassroots, "王一")), activity=a)
    waiting = actions.signup_create(actor=worker_user(make_worker(tree.grassroots, "李二")), activity=a)
    later = make_activity(tree.street, title="下周的活动")
    upcoming = actions.signup_create(actor=worker_user(make_worker(tree.grassroots, "张三")), activity=later)
    actors = [*personas.items(), ("owner", first.user), ("waiting", waiting.user)]
    assert_abilities_agree(
        actors=actors,
        records=[first, waiting, upcoming],
        abilities=signup_abilities,
        attempts={
            "cancel": lambda actor, s: actions.signup_cancel(actor=actor, signup=s),
            "checkin": lambda actor, s: actions.checkin(actor=actor, signup=s),
        },
    )


def test_campaign_abilities_agree_with_the_actions(tree, personas):
    open_ = make_campaign(tree.haizhu)
    closed = make_campaign(tree.haizhu, "已结束的送温暖")
    actions.campaign_close(actor=None, campaign=closed)
    assert_abilities_agree(
        actors=personas.items(),
        records=[open_, closed],
        abilities=campaign_abilities,
        attempts={
            "close": lambda actor, c: actions.campaign_close(actor=actor, campaign=c),
            "reopen": lambda actor, c: actions.campaign_reopen(actor=actor, campaign=c),
        },
    )


def test_the_activity_page_shows_exactly_the_offered_buttons(tree, personas, login):
    worker = make_worker(tree.grassroots)
    activity = make_activity(tree.street, starts_at=later_today())
    shown = assert_pages_offer(
        login=login,
        actors=[("street", personas.street), ("district", personas.district), ("worker", worker_user(worker))],
        records=[activity],
        url=lambda a: reverse("activities:activity", args=[a.pk]),
        abilities=activity_abilities,
        buttons=lambda a: {
            doing: reverse(f"activities:{name}", args=[a.pk])
            for doing, name in (("signup", "signup_create"), ("checkin", "checkin"), ("cancel", "cancel"),
                                ("export", "roster_export"), ("handout", "handout"))
        },
    )  # fmt: skip
    assert shown == 3


def test_group_abilities_agree_with_the_actions(tree, personas):
    from gonghui.activities.abilities import group_abilities

    from .factories import make_group

    groups = [make_group(tree.street), make_group(tree.haizhu, "区劳模", "model_workers")]
    person = make_worker(tree.grassroots, "林一线")
    assert_abilities_agree(
        actors=personas.items(),
        records=groups,
        abilities=group_abilities,
        attempts={
            "fill": lambda actor, g: actions.group_fill(actor=actor, group=g, source="women"),
            "add": lambda actor, g: actions.group_add(actor=actor, group=g, member=person),
        },
    )


def test_the_group_page_shows_exactly_the_offered_buttons(tree, personas, login):
    from gonghui.activities.abilities import group_abilities

    from .factories import make_group

    group = make_group(tree.street)
    actions.group_add(actor=None, group=group, member=make_worker(tree.grassroots, "林一线"))
    for actor in (personas.street, personas.district, personas.grassroots):
        response = login(actor).get(reverse("activities:group", args=[group.pk]))
        if response.status_code != 200:
            assert response.status_code in (403, 404) and not group_abilities(actor, group).names()
            continue
        assert_page_offers(response.content.decode(), group_abilities(actor, group), {
            "fill": reverse("activities:group_fill", args=[group.pk]),
            "import_list": reverse("activities:group_import", args=[group.pk]),
            "remove": reverse("activities:group_remove", args=[group.pk]),
        })  # fmt: skip
