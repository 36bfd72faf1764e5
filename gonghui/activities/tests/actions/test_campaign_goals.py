"""A campaign's goals split down the tree like targets: the parts of each measure add up to at
least the whole; progress per union against its part, rolled up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from gonghui.activities import actions, selectors
from gonghui.activities.actions import GoalShare
from gonghui.activities.models import CampaignGoal
from gonghui.core.models import AuditEntry

from ..factories import make_activity, make_campaign

pytestmark = pytest.mark.django_db


def _done(org, campaign, people, goods="0"):
    a = make_activity(org, campaign=campaign, starts_at=timezone.now() - dt.timedelta(hours=3))
    return actions.activity_result_record(actor=None, activity=a, people_served=people, goods_value=goods)


def test_the_opener_splits_its_goals_and_each_union_its_part(tree, personas):
    campaign = make_campaign(tree.guangzhou, goal_people=100, goal_money="1000", goal_goods="5000")
    parts = actions.campaign_goals_split(actor=personas.city, campaign=campaign, org=tree.guangzhou, shares=[
        GoalShare(tree.haizhu.pk, 100, "1000", "5000"),
    ])  # fmt: skip
    assert [(p.org, p.goal_people, p.goal_goods) for p in parts] == [(tree.haizhu, 100, Decimal("5000.00"))]
    actions.campaign_goals_split(actor=personas.district, campaign=campaign, org=tree.haizhu, shares=[
        GoalShare(tree.street.pk, 60, "600", "3000"), GoalShare(tree.sibling_street.pk, 40, "400", "2000"),
    ])  # fmt: skip
    _done(tree.grassroots, campaign, 45, "2400")
    _done(tree.sibling_grassroots, campaign, 10)
    at = selectors.campaign_progress(campaign, tree.haizhu)
    assert (at.goal_people, at.total.people, at.people_percent) == (100, 55, 55)
    rows = {r.org: r for r in at.rows if r.org is not None}
    assert (rows[tree.street].goal_people, rows[tree.street].people, rows[tree.street].people_percent) == (
        60,
        45,
        75,
    )
    assert rows[tree.street].goods_percent == 80 and rows[tree.sibling_street].people_percent == 25
    top = selectors.campaign_progress(campaign, tree.guangzhou)
    assert [(r.org, r.people, r.goal_people) for r in top.rows if r.has_goal] == [(tree.haizhu, 55, 100)]
    row = AuditEntry.objects.filter(action="activities.campaign.split").latest("pk")
    assert row.detail["unions"] == 2 and row.org_id == tree.haizhu.pk


def test_parts_that_fall_short_of_the_whole_are_refused_and_change_nothing(tree):
    campaign = make_campaign(tree.haizhu, goal_people=100, goal_money="0", goal_goods="5000")
    with pytest.raises(
        ValidationError, match=r"服务人次合计 90，少于本级目标 100.*物资价值（元）合计 4000.00"
    ):
        actions.campaign_goals_split(actor=None, campaign=campaign, org=tree.haizhu, shares=[
            GoalShare(tree.street.pk, 50, "0", "2000"), GoalShare(tree.sibling_street.pk, 40, "0", "2000"),
        ])  # fmt: skip
    assert not CampaignGoal.objects.exists()


def test_only_unions_holding_a_part_split_and_only_to_their_own_children(tree, personas):
    campaign = make_campaign(tree.guangzhou, goal_people=10, goal_money="0", goal_goods="0")
    with pytest.raises(ValidationError, match="尚未从上级分得"):
        actions.campaign_goals_split(actor=None, campaign=campaign, org=tree.haizhu,
                                     shares=[GoalShare(tree.street.pk, 10)])  # fmt: skip
    with pytest.raises(ValidationError, match="直属下级"):
        actions.campaign_goals_split(actor=None, campaign=campaign, org=tree.guangzhou,
                                     shares=[GoalShare(tree.street.pk, 10)])  # fmt: skip
    with pytest.raises(PermissionDenied):
        actions.campaign_goals_split(actor=personas.district, campaign=campaign, org=tree.guangzhou,
                                     shares=[GoalShare(tree.haizhu.pk, 10)])  # fmt: skip


def test_the_campaign_page_offers_the_split_and_shows_each_unions_goal(tree, personas, login):
    campaign = make_campaign(tree.haizhu, goal_people=100, goal_money="0", goal_goods="0")
    client = login(personas.district)
    page = client.get(reverse("activities:campaign", args=[campaign.pk])).content.decode()
    url = reverse("activities:campaign_goals", args=[campaign.pk])
    assert url in page
    r = client.post(f"{url}?org={tree.haizhu.pk}", {f"people_{tree.street.pk}": "30"})
    assert r.status_code == 422 and "少于本级目标 100" in r.content.decode()
    r = client.post(
        f"{url}?org={tree.haizhu.pk}",
        {f"people_{tree.street.pk}": "70", f"people_{tree.sibling_street.pk}": "30"},
    )
    assert r.status_code == 302
    page = client.get(reverse("activities:campaign", args=[campaign.pk])).content.decode()
    assert "0 / 70" in page
    r = client.get(f"/api/activities/campaigns/{campaign.pk}/progress")
    assert r.status_code == 200, r.content
    api = r.json()
    assert {r["label"]: r["goal_people"] for r in api["rows"]}[tree.street.name] == 70
    street = login(personas.street).get(
        reverse("activities:campaign", args=[campaign.pk]), {"org": tree.street.pk}
    )
    assert f"{url}?org={tree.street.pk}" in street.content.decode()  # its part, to split further
    assert login(personas.sibling).get(f"{url}?org={tree.street.pk}").status_code in (403, 404)


def test_a_merged_unions_part_goes_to_the_survivor(tree):
    from gonghui.orgs.actions import org_merge

    campaign = make_campaign(tree.haizhu, goal_people=100, goal_money="0", goal_goods="0")
    actions.campaign_goals_split(actor=None, campaign=campaign, org=tree.haizhu, shares=[
        GoalShare(tree.street.pk, 60), GoalShare(tree.sibling_street.pk, 40),
    ])  # fmt: skip
    org_merge(actor=None, source=tree.sibling_street, target=tree.street)
    assert list(CampaignGoal.objects.values_list("org", "goal_people")) == [(tree.street.pk, 100)]
