"""What a person may do with a campaign, an activity, a sign-up or at a union now: the one answer
pages, the API and the actions share."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import scope
from gonghui.kernel.abilities import Abilities

from . import rules
from .actions import benefit_set_refusal, walk_in_refusal
from .models import Activity, Benefit, Campaign, Group, SignUp, Volunteer, Voucher
from .workflow import ACTIVITY, CAMPAIGN, SIGNUP, VOUCHER


def org_abilities(actor: Any, org: Any) -> Abilities:
    """What an officer may start at a union."""
    edit = org is not None and scope.can(actor, "edit", org)
    return Abilities(
        open_campaign=edit, add_activity=edit, add_partner=edit, register_volunteer=edit, add_group=edit,
        import_activities=edit,
        export=org is not None and scope.can(actor, "view", org),
    )  # fmt: skip


def worker_abilities(actor: Any) -> Abilities:
    """What a worker may do as themselves."""
    member = rules.own_member(actor)
    joined = member is not None and Volunteer.objects.filter(org=member.org, member=member).exists()
    return Abilities(volunteer_join=member is not None and not joined, volunteer=joined)


def group_abilities(actor: Any, group: Group) -> Abilities:
    """A group's list is kept by the union that made it (officers above it may keep it too)."""
    edit = scope.can(actor, "edit", group.org)
    return Abilities(add=edit, fill=edit, remove=edit, import_list=edit)


def campaign_abilities(actor: Any, campaign: Campaign) -> Abilities:
    edit = scope.can(actor, "edit", campaign.org)
    return Abilities(
        CAMPAIGN.offers(actor, campaign),
        add_activity=edit and campaign.state == Campaign.State.OPEN,
        add_benefit=edit and not benefit_set_refusal(campaign),
        export=scope.can(actor, "view", campaign.org),
    )


def benefit_abilities(actor: Any, benefit: Benefit) -> Abilities:
    """A worker claims a benefit for themselves; the campaign's union redeems its vouchers and
    reads who claimed them."""
    return Abilities(
        claim=not rules.claim_refusal(actor, benefit),
        redeem=scope.can(actor, "edit", benefit.campaign.org),
        ledger=scope.can(actor, "view", benefit.campaign.org),
    )


def voucher_abilities(actor: Any, voucher: Voucher) -> Abilities:
    """The owner shows the code of an unused voucher; the campaign's union redeems it."""
    own = voucher.user_id is not None and voucher.user_id == getattr(actor, "pk", None)
    return Abilities(
        VOUCHER.offers(actor, voucher),
        code=own and voucher.state == Voucher.State.CLAIMED,
    )


def campaign_goal_abilities(actor: Any, campaign: Campaign, org: Any) -> Abilities:
    """What an officer may do with the campaign's goals at a union of its subtree."""
    from .actions import goal_split_refusal

    return Abilities(split_goals=scope.can(actor, "edit", org) and not goal_split_refusal(campaign, org))


def activity_abilities(actor: Any, activity: Activity) -> Abilities:
    steps = ACTIVITY.offers(actor, activity)
    edit = scope.can(actor, "edit", activity.org)
    live = activity.state != Activity.State.CANCELLED
    walk_in = edit and not walk_in_refusal(activity)
    return Abilities(
        steps,
        result="finish" in steps or "amend" in steps,
        edit=edit and activity.state == Activity.State.OPEN,
        signup=not rules.signup_refusal(actor, activity),
        add_signup=edit and activity.state == Activity.State.OPEN,
        checkin=edit and not rules.checkin_refusal(activity),
        walk_in=walk_in,
        walk_in_guest=walk_in and activity.audience == Activity.Audience.ANYONE,
        handout=edit and live,
        hours=edit and live,
        export=scope.can(actor, "view", activity.org),
    )


def signup_abilities(actor: Any, signup: SignUp) -> Abilities:
    own = rules.own_signup(actor, signup)
    confirmed = signup.state == SignUp.State.CONFIRMED
    return Abilities(
        SIGNUP.offers(actor, signup),
        code=own
        and confirmed
        and signup.checked_in_at is None
        and signup.activity.state == Activity.State.OPEN,
        checkin=confirmed
        and signup.checked_in_at is None
        and scope.can(actor, "edit", signup.activity.org)
        and not rules.checkin_refusal(signup.activity),
    )
