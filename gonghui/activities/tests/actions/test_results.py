"""Results, goods handed out per person, money linked to an assistance fund, volunteers' hours,
campaigns and partners."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gonghui.activities import actions, selectors
from gonghui.activities.models import Activity
from gonghui.assistance.models import Fund

from ..factories import make_activity, make_campaign, make_partner, make_worker, worker_user

pytestmark = pytest.mark.django_db


def past_activity(org, **values):
    start = timezone.now() - dt.timedelta(hours=3)
    activity = make_activity(org, starts_at=start, **values)
    return activity


def test_the_result_closes_the_activity_and_can_be_corrected(tree, personas):
    activity = past_activity(tree.street)
    actions.activity_result_record(
        actor=personas.street, activity=activity, people_served=120, goods="绿豆、凉茶、毛巾",
        goods_value="6000.00", money="0", summary="走访三个工地",
    )  # fmt: skip
    activity.refresh_from_db()
    assert (
        activity.state == "done"
        and activity.people_served == 120
        and activity.goods_value == Decimal("6000.00")
    )
    actions.activity_result_record(
        actor=personas.street, activity=activity, people_served=130, goods_value="6500"
    )
    activity.refresh_from_db()
    assert activity.state == "done" and activity.people_served == 130


def test_no_result_before_the_activity_starts(tree, personas):
    activity = make_activity(tree.street)
    with pytest.raises(ValidationError, match="开始后才能登记活动结果"):
        actions.activity_result_record(actor=personas.street, activity=activity, people_served=1)


def test_money_may_come_from_the_unions_or_an_upper_unions_fund(tree, personas):
    activity = past_activity(tree.street)
    year = timezone.localtime(activity.starts_at).year
    mine = Fund.objects.create(org=tree.haizhu, year=year, balance=Decimal("100000"))
    foreign = Fund.objects.create(org=tree.sibling_street, year=year, balance=Decimal("100000"))
    assert list(selectors.funds_usable(activity)) == [mine]
    with pytest.raises(ValidationError, match="本工会或上级工会的帮扶专项资金"):
        actions.activity_result_record(actor=personas.street, activity=activity, people_served=10, money="3000",
                                       fund=foreign)  # fmt: skip
    actions.activity_result_record(
        actor=personas.street, activity=activity, people_served=10, money="3000", fund=mine
    )
    activity.refresh_from_db()
    assert activity.fund == mine
    mine.refresh_from_db()
    assert mine.balance == Decimal("100000")  # a link only: the fund's ledger is the assistance module's


def test_goods_are_recorded_per_person_with_their_value(tree, personas):
    activity = past_activity(tree.street)
    s = actions.signup_add(actor=personas.street, activity=activity, member=make_worker(tree.grassroots))
    actions.handout_record(
        actor=personas.street, activity=activity, signup=s, item="清凉大礼包", value="80.00"
    )
    actions.handout_record(
        actor=personas.street, activity=activity, name="陈师傅", item="防暑药品", value="25.50"
    )
    rows, total = selectors.handouts(activity)
    assert [h.name for h in rows] == [s.name, "陈师傅"] and total == Decimal("105.50")
    with pytest.raises(PermissionDenied):
        actions.handout_record(actor=personas.sibling, activity=activity, name="某人", item="毛巾")


def test_volunteers_register_and_their_hours_add_up_per_person_and_per_union(tree, personas):
    a1, a2 = (
        past_activity(tree.street, kind=Activity.Kind.VOLUNTEER),
        past_activity(tree.street, title="学雷锋义诊"),
    )
    worker = make_worker(tree.grassroots)
    v1 = actions.volunteer_join(actor=worker_user(worker), skills="急救")
    v2 = actions.volunteer_register(actor=personas.street, org=tree.street, name="何志愿")
    with pytest.raises(ValidationError, match="已登记为志愿者"):
        actions.volunteer_join(actor=worker_user(worker))
    actions.hours_record(actor=personas.street, activity=a1, volunteer=v1, hours="3.5")
    actions.hours_record(actor=personas.street, activity=a2, volunteer=v1, hours="2")
    actions.hours_record(actor=personas.street, activity=a1, volunteer=v2, hours="4")
    actions.hours_record(actor=personas.street, activity=a1, volunteer=v2, hours="5")  # corrected, not added
    with pytest.raises(ValidationError, match=r"0\.1至24小时"):
        actions.hours_record(actor=personas.street, activity=a1, volunteer=v2, hours="30")
    totals = {
        v.name: v.total for v in selectors.volunteer_list_for_actor(actor=personas.street, within=tree.street)
    }
    assert totals == {worker.name: Decimal("5.5"), "何志愿": Decimal("5.0")}
    by_union = {
        r.org.name: r.hours
        for r in selectors.volunteer_totals_by_union(actor=personas.district, at=tree.haizhu)
    }
    assert by_union[tree.street.name] == Decimal("10.5") and by_union[tree.sibling_street.name] == 0


def test_lower_unions_attach_activities_to_a_campaign_and_progress_rolls_up(tree, personas):
    campaign = make_campaign(tree.guangzhou)
    here = past_activity(tree.street, campaign=campaign)
    there = past_activity(tree.sibling_grassroots, campaign=campaign, title="新港社区送清凉")
    actions.activity_result_record(
        actor=personas.street, activity=here, people_served=100, goods_value="3000"
    )
    actions.activity_result_record(actor=personas.sibling, activity=there, people_served=50, goods_value="1000",
                                   money="500")  # fmt: skip
    outside = make_campaign(tree.shenzhen, "深圳送清凉")
    with pytest.raises(ValidationError, match="不在其范围内"):
        make_activity(tree.street, campaign=outside)
    top = selectors.campaign_progress(campaign, tree.guangzhou)
    assert (top.total.activities, top.total.people, top.total.goods_value) == (2, 150, Decimal("4000"))
    assert top.people_percent == 15
    district = selectors.campaign_progress(campaign, tree.haizhu)
    rows = {r.label: r.people for r in district.rows}
    assert rows[tree.street.name] == 100 and rows[tree.sibling_street.name] == 50


def test_an_activity_outside_the_campaigns_period_is_refused(tree):
    campaign = make_campaign(tree.guangzhou, ends_on=timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="期间内"):
        make_activity(tree.street, campaign=campaign)


def test_partners_come_from_the_unions_register_or_those_above(tree):
    mine = make_partner(tree.haizhu, "海珠区职工服务类社会组织联合会", "social")
    theirs = make_partner(tree.sibling_street, "新港社区医院", "hospital")
    activity = make_activity(tree.street, kind=Activity.Kind.LECTURE, partners=[mine])
    assert list(activity.partners.all()) == [mine]
    with pytest.raises(ValidationError, match="不在本工会可用的合作伙伴名录中"):
        make_activity(tree.street, partners=[theirs])
    with pytest.raises(ValidationError, match="已在本工会的合作伙伴名录中"):
        make_partner(tree.haizhu, "海珠区职工服务类社会组织联合会")
    with pytest.raises(ValidationError):
        actions.partner_create(actor=None, org=tree.haizhu, name="某律所", kind="law_firm", credit_code="123")


def test_a_union_cannot_open_a_campaign_outside_its_subtree(tree, personas):
    with pytest.raises(PermissionDenied):
        make_campaign_as(personas.street, tree.sibling_street)


def make_campaign_as(actor, org):
    today = timezone.localdate()
    return actions.campaign_open(
        actor=actor, org=org, kind="warmth", title="送温暖", starts_on=today, ends_on=today
    )
