"""Campaigns, activities and workers with logins made through the real actions, and plain rows
inside a given org for the scope walk."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from typing import Any

from django.utils import timezone

from gonghui.activities import actions
from gonghui.activities.models import Activity, Benefit, Campaign, Group, Partner, SignUp, Volunteer, Voucher
from gonghui.members.models import Member
from gonghui.members.tests.factories import member_in
from gonghui.orgs.models import Org
from gonghui.services.tests.factories import make_worker

_seq = itertools.count(1)

__all__ = ["make_activity", "make_benefit", "make_campaign", "make_worker", "worker_user"]


def soon(days: int = 3, hour: int = 14) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def later_today(minutes: int = 30) -> dt.datetime:
    """A time later today in the union's time zone: `minutes` from now, or the day's last second
    when that would be tomorrow (check-in opens on the activity's own day). In the day's last two
    minutes it waits for the next day rather than race midnight."""
    midnight = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time())
    )
    if (left := (midnight - timezone.now()).total_seconds()) < 120:
        time.sleep(left + 1)
        return later_today(minutes)
    return min(timezone.now() + dt.timedelta(minutes=minutes), midnight - dt.timedelta(seconds=1))


def make_campaign(org: Org, title: str = "2026年送清凉活动", **values: Any) -> Campaign:
    today = timezone.localdate()
    values.setdefault("kind", Campaign.Kind.COOL)
    values.setdefault("starts_on", today - dt.timedelta(days=10))
    values.setdefault("ends_on", today + dt.timedelta(days=60))
    values.setdefault("goal_people", 1000)
    values.setdefault("goal_money", "50000")
    values.setdefault("goal_goods", "80000")
    return actions.campaign_open(actor=None, org=org, title=title, **values)


def make_benefit(campaign: Campaign, title: str = "防暑降温慰问品券", **values: Any) -> Benefit:
    """A benefit claimable today, within the campaign's dates."""
    today = timezone.localdate()
    values.setdefault("total", 100)
    values.setdefault("claim_from", max(campaign.starts_on, today - dt.timedelta(days=1)))
    values.setdefault("claim_until", min(campaign.ends_on, today + dt.timedelta(days=30)))
    values.setdefault("description", "凭券到所在工会领取藿香正气水、清凉油、毛巾一份")
    return actions.benefit_set(actor=None, campaign=campaign, title=title, **values)


def make_activity(org: Org, title: str = "高温一线职工慰问", **values: Any) -> Activity:
    start = values.pop("starts_at", soon())
    values.setdefault("kind", Activity.Kind.VISIT)
    values.setdefault("place", "赤岗街道职工之家")
    values.setdefault("ends_at", start + dt.timedelta(hours=2))
    values.setdefault("capacity", 30)
    return actions.activity_create(actor=None, org=org, title=title, starts_at=start, **values)


def worker_user(member: Member) -> Any:
    return member.login.user


def make_group(org: Org, name: str = "高温一线职工", kind: str = Group.Kind.FRONTLINE) -> Group:
    return actions.group_create(actor=None, org=org, name=name, kind=kind)


def make_partner(org: Org, name: str = "韩山师范学院心理学系", kind: str = Partner.Kind.SCHOOL) -> Partner:
    return actions.partner_create(actor=None, org=org, name=name, kind=kind)


# ------------------------------------------------------------------------- the scope walk
# Plain rows, without audit rows: the walk counts any audit row on an outsider as a breach.


def campaign_in(org: Org) -> Campaign:
    found = Campaign.objects.filter(org=org).first()
    today = timezone.localdate()
    return found or Campaign.objects.create(
        org=org,
        kind="cool",
        title=f"走查专项{org.pk}",
        starts_on=today,
        ends_on=today + dt.timedelta(days=30),
    )


def activity_in(org: Org) -> Activity:
    found = Activity.objects.filter(org=org).first()
    start = soon()
    return found or Activity.objects.create(
        org=org, kind="visit", title=f"走查活动{org.pk}", place="走查", starts_at=start,
        ends_at=start + dt.timedelta(hours=1), capacity=5, signup_until=start,
    )  # fmt: skip


def signup_in(org: Org) -> SignUp:
    activity = activity_in(org)
    found = SignUp.objects.filter(activity=activity).first()
    if found is not None:
        return found
    member = member_in(org)
    return SignUp.objects.create(
        activity=activity, member=member, name=member.name, seq=next(_seq) + 1000, state="confirmed"
    )


def benefit_in(org: Org) -> Benefit:
    campaign = campaign_in(org)
    found = Benefit.objects.filter(campaign=campaign).first()
    return found or Benefit.objects.create(
        campaign=campaign, title=f"走查福利{org.pk}", total=5, claim_from=campaign.starts_on,
        claim_until=campaign.ends_on,
    )  # fmt: skip


def voucher_in(org: Org) -> Voucher:
    benefit = benefit_in(org)
    found = Voucher.objects.filter(benefit=benefit).first()
    if found is not None:
        return found
    member = member_in(org)
    Benefit.objects.filter(pk=benefit.pk).update(issued=1)
    return Voucher.objects.create(
        benefit=benefit, seq=1, code=f"WALK{org.pk:08d}", member=member, name=member.name, unit=org.name
    )


def volunteer_in(org: Org) -> Volunteer:
    found = Volunteer.objects.filter(org=org).first()
    return found or Volunteer.objects.create(org=org, name=f"走查志愿者{org.pk}")


def partner_in(org: Org) -> Partner:
    found = Partner.objects.filter(org=org).first()
    return found or Partner.objects.create(org=org, name=f"走查伙伴{org.pk}", kind="social")


def group_in(org: Org) -> Group:
    found = Group.objects.filter(org=org).first()
    return found or Group.objects.create(org=org, name=f"走查群体{org.pk}", kind="frontline")


WALK = {
    "group_id": group_in,
    "campaign_id": campaign_in,
    "activity_id": activity_in,
    "signup_id": signup_in,
    "benefit_id": benefit_in,
    "voucher_id": voucher_in,
    "volunteer_id": volunteer_in,
    "partner_id": partner_in,
}


_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


def name_of(i: int) -> str:
    """A distinct Chinese name for the i-th test person (names hold no digits)."""
    return _SURNAMES[i % 20] + _GIVEN[(i // 20) % 20] + _GIVEN[(i // 400) % 20]
