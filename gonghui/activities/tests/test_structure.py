"""Merge: the merged union's campaigns (with their benefits and vouchers), activities, partners and
volunteers go to the survivor."""

from __future__ import annotations

import pytest

from gonghui.activities import actions
from gonghui.activities.models import Activity, Benefit, Campaign, Partner, ServiceHours, Volunteer, Voucher
from gonghui.conftest import make_org
from gonghui.core.models import AuditEntry
from gonghui.orgs.actions import org_merge, org_split

from .factories import (
    make_activity,
    make_benefit,
    make_campaign,
    make_group,
    make_partner,
    make_worker,
    worker_user,
)

pytestmark = pytest.mark.django_db


def test_merge_moves_everything_to_the_survivor(tree):
    source, target = tree.street, tree.sibling_street
    make_campaign(source)
    activity = make_activity(source)
    make_partner(source, "同名医院", "hospital")
    make_partner(target, "同名医院", "hospital")
    make_partner(source, "某律师事务所", "law_firm")
    v = actions.volunteer_register(actor=None, org=source, name="何志愿")
    actions.hours_record(actor=None, activity=activity, volunteer=v, hours="2")
    org_merge(actor=None, source=source, target=target)
    assert (
        not Campaign.objects.filter(org=source).exists() and Campaign.objects.filter(org=target).count() == 1
    )
    assert Activity.objects.get(pk=activity.pk).org == target
    assert sorted(Partner.objects.filter(org=target).values_list("name", flat=True)) == [
        "同名医院",
        "某律师事务所",
    ]
    assert Volunteer.objects.get(pk=v.pk).org == target
    assert ServiceHours.objects.filter(volunteer=v).count() == 1
    row = AuditEntry.objects.get(action="activities.follow_merge")
    assert row.detail["moved"] == 5


def test_merge_keeps_one_volunteer_per_member_with_all_hours(tree):
    source, target = tree.grassroots, tree.sibling_grassroots
    worker = make_worker(source)
    a1, a2 = make_activity(source), make_activity(target, title="另一场")
    v1 = actions.volunteer_register(actor=None, org=source, member=worker)
    v2 = Volunteer.objects.create(org=target, member=worker, name=worker.name)
    actions.hours_record(actor=None, activity=a1, volunteer=v1, hours="2")
    actions.hours_record(actor=None, activity=a2, volunteer=v2, hours="3")
    org_merge(actor=None, source=source, target=target)
    assert list(Volunteer.objects.filter(member=worker)) == [v2]
    assert sorted(ServiceHours.objects.filter(volunteer=v2).values_list("hours", flat=True)) == [2, 3]


def test_a_campaigns_benefit_and_its_vouchers_follow_the_merge(tree, personas):
    """The street merges into its sibling: the campaign, its benefit kept for the street's group
    (now the namesake group of the survivor) and the vouchers claimed go along; the survivor's
    officers redeem them, and those still on the list may claim."""
    source, target = tree.street, tree.sibling_street
    cool = make_campaign(source)
    group = make_group(source, "高温户外一线职工")
    namesake = make_group(target, "高温户外一线职工")
    first, second = make_worker(tree.grassroots, "环卫老周"), make_worker(tree.grassroots, "快递小陈")
    for m in (first, second):
        actions.group_add(actor=None, group=group, member=m)
    benefit = make_benefit(cool, audience=Benefit.Audience.GROUP, group=group, total=10)
    voucher = actions.voucher_claim(actor=worker_user(first), benefit=benefit)
    org_merge(actor=None, source=source, target=target)
    benefit.refresh_from_db()
    assert Campaign.objects.get(pk=cool.pk).org == target and benefit.group == namesake
    assert benefit.issued == Voucher.objects.filter(benefit=benefit).count() == 1
    assert actions.voucher_redeem(actor=personas.sibling, voucher=voucher).state == Voucher.State.REDEEMED
    assert actions.voucher_claim(actor=worker_user(second), benefit=benefit).seq == 2


def test_split_leaves_records_on_their_unions(tree):
    town = make_org(tree.haizhu, "测试街道总工会", "town")
    child = make_org(town, "测试社区工会", "grassroots", kind="community")
    activity = make_activity(child)
    new = org_split(actor=None, org=town, new_name="测试新街道总工会", children=[child])
    activity.refresh_from_db()
    assert activity.org == child and child.__class__.objects.get(pk=child.pk).parent_id == new.pk
