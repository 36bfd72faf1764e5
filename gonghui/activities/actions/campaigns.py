"""Campaigns (专项活动): opened, closed and reopened, and their goals split among the unions below."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action, step_action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Org

from .. import rules
from ..models import (
    ZERO,
    Campaign,
    CampaignGoal,
)
from ..workflow import CAMPAIGN

# --------------------------------------------------------------------------------- campaigns


@action
def campaign_open(
    *, actor: Any, org: Org, kind: str, title: str, starts_on: Any, ends_on: Any, goal_people: Any = 0,
    goal_money: Any = "0", goal_goods: Any = "0", description: str = "",
) -> Campaign:  # fmt: skip
    scope.require(actor, "edit", org)
    starts = cleaning.date(starts_on, field="starts_on", label="开始日期")
    campaign = Campaign.objects.create(
        org=org,
        kind=cleaning.choice(kind, Campaign.Kind.choices, field="kind", label="类别"),
        title=cleaning.text(title, field="title", label="名称", max_length=100),
        starts_on=starts,
        ends_on=cleaning.date(ends_on, field="ends_on", label="结束日期", not_before=starts),
        goal_people=cleaning.whole(
            goal_people or 0, field="goal_people", label="目标服务人次", maximum=10**8
        ),
        goal_money=cleaning.money(goal_money, field="goal_money", label="目标资金", maximum=Decimal("1e10")),
        goal_goods=cleaning.money(
            goal_goods, field="goal_goods", label="目标物资价值", maximum=Decimal("1e10")
        ),
        description=cleaning.body(
            description, field="description", label="说明", max_length=2000, required=False
        ),
    )
    audit(actor=actor, action="activities.campaign.open", obj=campaign, org=org,
          detail={"title": campaign.title, "kind": campaign.get_kind_display(),
                  "period": f"{campaign.starts_on}—{campaign.ends_on}"})  # fmt: skip
    return campaign


def _locked_campaign(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def _titled(campaign: Campaign) -> dict[str, Any]:
    return {"title": campaign.title}


campaign_close = step_action(CAMPAIGN, "close", record="campaign", lock=_locked_campaign, detail=_titled)
campaign_reopen = step_action(CAMPAIGN, "reopen", record="campaign", lock=_locked_campaign, detail=_titled)


@dataclass(frozen=True)
class GoalShare:
    """One union's part of a campaign's goals: people reached, money, goods value."""

    org_id: int
    people: Any = 0
    money: Any = "0"
    goods: Any = "0"


def goal_of(campaign: Campaign, org: Org) -> tuple[int, Decimal, Decimal] | None:
    """The goals a union holds in a campaign (the opener's are the campaign's), or None."""
    if org.pk == campaign.org_id:
        return campaign.goal_people, campaign.goal_money, campaign.goal_goods
    part = CampaignGoal.objects.filter(campaign=campaign, org=org).first()
    return (part.goal_people, part.goal_money, part.goal_goods) if part is not None else None


def goal_split_refusal(campaign: Campaign, org: Org) -> str:
    """Why `org` cannot split its goals of the campaign among the unions below it now."""
    if campaign.state != Campaign.State.OPEN:
        return gettext("「%(title)s」已结束，不能再分解目标。") % {"title": campaign.title}
    if not org.path.startswith(campaign.org.path):
        return gettext("%(org)s不在「%(title)s」的范围内。") % {"org": org.name, "title": campaign.title}
    if goal_of(campaign, org) is None:
        return gettext("%(org)s尚未从上级分得「%(title)s」的目标。") % {
            "org": org.name,
            "title": campaign.title,
        }
    if not Org.objects.filter(parent=org, status="active").exists():
        return gettext("%(org)s没有下级工会，无法分解目标。") % {"org": org.name}
    return ""


@action
def campaign_goals_split(
    *, actor: Any, campaign: Campaign, org: Org, shares: Sequence[GoalShare]
) -> list[CampaignGoal]:
    """Split the goals `org` holds in the campaign among the unions directly below it; each
    measure's parts must add up to at least the whole. A union that holds a part already has it
    changed (what it split further stays as it was)."""
    campaign = Campaign.objects.select_for_update().select_related("org").get(pk=campaign.pk)
    scope.require(actor, "edit", org)
    why = goal_split_refusal(campaign, org)
    if why:
        raise Refused(why)
    whole = goal_of(campaign, org)
    assert whole is not None
    children = {c.pk: c for c in Org.objects.filter(parent=org, status="active")}
    parts: list[tuple[Org, int, Decimal, Decimal]] = []
    for share in shares:
        child = children.get(share.org_id)
        if child is None:
            raise Refused(gettext("只能分解给本工会的直属下级工会。"))
        people = cleaning.whole(share.people or 0, field=f"people_{child.pk}", label=f"{child.name}的目标服务人次",
                                maximum=10**8)  # fmt: skip
        money = cleaning.money(share.money or "0", field=f"money_{child.pk}", label=f"{child.name}的目标资金",
                               maximum=Decimal("1e10"))  # fmt: skip
        goods = cleaning.money(share.goods or "0", field=f"goods_{child.pk}", label=f"{child.name}的目标物资价值",
                               maximum=Decimal("1e10"))  # fmt: skip
        if people or money or goods:
            parts.append((child, people, money, goods))
    if not parts:
        raise Refused(gettext("请至少为一个下级工会填写目标。"))
    sums: tuple[Decimal, Decimal, Decimal] = (
        Decimal(sum(p for _c, p, _m, _g in parts)),
        sum((m for _c, _p, m, _g in parts), ZERO),
        sum((g for _c, _p, _m, g in parts), ZERO),
    )
    labels = (gettext("服务人次"), gettext("资金（元）"), gettext("物资价值（元）"))
    short = [
        gettext("%(what)s合计 %(total)s，少于本级目标 %(whole)s")
        % {"what": label, "total": total, "whole": goal}
        for label, total, goal in zip(labels, sums, (Decimal(whole[0]), whole[1], whole[2]), strict=True)
        if total < goal
    ]
    if short:
        raise Refused(gettext("分解到下级的目标不足：%(short)s，请补足。") % {"short": "；".join(short)})
    out = []
    for child, people, money, goods in parts:
        part, _made = CampaignGoal.objects.update_or_create(
            campaign=campaign, org=child,
            defaults={"goal_people": people, "goal_money": money, "goal_goods": goods, "set_at": timezone.now()},
        )  # fmt: skip
        out.append(part)
    audit(actor=actor, action="activities.campaign.split", obj=campaign, org=org,
          detail={"title": campaign.title, "unions": len(out), "people": int(sums[0]), "amount": str(sums[1]),
                  "goods_value": str(sums[2])})  # fmt: skip
    return out


def campaigns_open_to(org: Org, on: dt.date | None = None) -> Any:
    """The campaigns a union may attach an activity to: open ones opened by it or a union above
    it, not yet over."""
    on = on or timezone.localdate()
    return Campaign.objects.filter(
        org__path__in=rules.ancestor_paths(org.path), state=Campaign.State.OPEN, ends_on__gte=on
    ).select_related("org")
