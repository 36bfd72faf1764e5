"""What a union's merge does to its campaigns, activities, partners, groups and volunteers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.kernel.audit import audit
from gonghui.orgs.models import Org

from ..models import (
    Activity,
    Benefit,
    Campaign,
    CampaignGoal,
    Group,
    GroupMember,
    Partner,
    ServiceHours,
    Volunteer,
)

# -------------------------------------------------------------------------- the tree changes


def activities_follow_merge(*, source: Org, target: Org, actor: Any, on: dt.date, **_: Any) -> None:
    """The merged union's campaigns (their benefits and vouchers with them), activities, partners
    and volunteers go to the union that absorbed it; a person registered as a volunteer with both
    keeps one record, with all hours; a group merged into its namesake keeps what was kept for it."""
    moved = Campaign.objects.filter(org=source).update(org=target)
    for part in CampaignGoal.objects.filter(org=source):
        kept = CampaignGoal.objects.filter(campaign=part.campaign, org=target).first()
        if kept is not None:  # both held a part: the survivor holds both
            kept.goal_people += part.goal_people
            kept.goal_money += part.goal_money
            kept.goal_goods += part.goal_goods
            kept.save(update_fields=["goal_people", "goal_money", "goal_goods"])
            part.delete()
        elif part.campaign.org_id != target.pk:
            part.org = target
            part.save(update_fields=["org"])
        else:
            part.delete()  # the survivor opened the campaign: its goal is the whole
        moved += 1
    moved += Activity.objects.filter(org=source).update(org=target)
    for partner in Partner.objects.filter(org=source):
        same = Partner.objects.filter(org=target, name=partner.name).first()
        if same is not None:
            for activity in partner.activities.all():
                activity.partners.add(same)
            partner.delete()
        else:
            partner.org = target
            partner.save(update_fields=["org"])
        moved += 1
    for group in Group.objects.filter(org=source):
        namesake = Group.objects.filter(org=target, name=group.name).first()
        if namesake is not None:
            have = GroupMember.objects.filter(group=namesake).values("member_id")
            GroupMember.objects.filter(group=group).exclude(member_id__in=have).update(group=namesake)
            Activity.objects.filter(group=group).update(group=namesake)
            Benefit.objects.filter(group=group).update(group=namesake)
            group.delete()
        else:
            group.org = target
            group.save(update_fields=["org"])
        moved += 1
    for volunteer in Volunteer.objects.filter(org=source):
        twin = (
            Volunteer.objects.filter(org=target, member=volunteer.member).first()
            if volunteer.member_id
            else None
        )
        if twin is not None:
            for row in ServiceHours.objects.filter(volunteer=volunteer):
                if ServiceHours.objects.filter(activity=row.activity, volunteer=twin).exists():
                    row.delete()  # one person cannot serve one activity twice
                else:
                    row.volunteer = twin
                    row.save(update_fields=["volunteer"])
            volunteer.delete()
        else:
            volunteer.org = target
            volunteer.save(update_fields=["org"])
        moved += 1
    if moved:
        audit(actor=actor, action="activities.follow_merge", org=target,
              detail={"source": source.name, "target": target.name, "moved": moved})  # fmt: skip
