"""A campaign's benefit workers claim themselves (送清凉's 防暑降温慰问品券 …): set by the campaign's
union, claimed by a worker as a voucher with a code, redeemed by the union when the worker shows
it. A claim locks the benefit's row first, so that concurrent claims never give more vouchers
than its total, nor one worker more than their share."""

from __future__ import annotations

import secrets
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition

from .. import rules
from ..models import Benefit, Campaign, Group, Voucher
from ..workflow import VOUCHER

MAX_TOTAL = 1_000_000
MAX_PER_WORKER = 10
# Codes a worker reads out or an officer types: no 0/O, 1/I/L look-alikes; 12 of 31 signs.
CODE_SIGNS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12


def benefit_set_refusal(campaign: Campaign) -> str:
    """Why no benefit may be set on the campaign now ("" when it may): only an open campaign."""
    if campaign.state != Campaign.State.OPEN:
        return gettext("「%(title)s」%(state)s，不能再设置领取福利。") % {
            "title": campaign.title,
            "state": campaign.get_state_display(),
        }
    return ""


@action
def benefit_set(
    *, actor: Any, campaign: Campaign, title: str, total: Any, claim_from: Any, claim_until: Any,
    per_worker: Any = 1, audience: str = Benefit.Audience.SUBTREE, group: Group | None = None,
    description: str = "",
) -> Benefit:  # fmt: skip
    """The campaign's union offers a benefit its members claim: how many in all, how many each,
    who may claim and when (within the campaign's dates)."""
    campaign = Campaign.objects.select_for_update(of=("self",)).select_related("org").get(pk=campaign.pk)
    scope.require(actor, "edit", campaign.org)
    why = benefit_set_refusal(campaign)
    if why:
        raise Refused(why)
    audience = cleaning.choice(audience, Benefit.Audience.choices, field="audience", label="领取范围")
    if audience == Benefit.Audience.GROUP:
        if group is None:
            raise Refused({"group": gettext("领取范围为指定群体时，请选择群体。")})
        if not campaign.org.path.startswith(group.org.path):
            raise Refused(
                {"group": gettext("「%(name)s」不是发起工会或其上级工会建立的群体。") % {"name": group.name}}
            )
    else:
        group = None
    start = cleaning.date(claim_from, field="claim_from", label="领取开始日期")
    until = cleaning.date(claim_until, field="claim_until", label="领取截止日期", not_before=start)
    if start < campaign.starts_on or until > campaign.ends_on:
        field = "claim_from" if start < campaign.starts_on else "claim_until"
        why = gettext("领取期间应在专项活动期间（%(starts)s至%(ends)s）之内。") % {
            "starts": f"{campaign.starts_on:%Y-%m-%d}",
            "ends": f"{campaign.ends_on:%Y-%m-%d}",
        }
        raise Refused({field: why})
    benefit = Benefit.objects.create(
        campaign=campaign,
        title=cleaning.text(title, field="title", label="名称", max_length=100),
        description=cleaning.text(description, field="description", label="领取说明", max_length=200,
                                  required=False),
        total=cleaning.whole(total, field="total", label="可领取总数", minimum=1, maximum=MAX_TOTAL),
        per_worker=cleaning.whole(per_worker or 1, field="per_worker", label="每人限领", minimum=1,
                                  maximum=MAX_PER_WORKER),
        audience=audience, group=group, claim_from=start, claim_until=until,
    )  # fmt: skip
    audit(actor=actor, action="activities.benefit.set", obj=benefit, org=campaign.org,
          detail={"title": benefit.title, "campaign": campaign.title, "capacity": benefit.total,
                  "per_worker": benefit.per_worker, "period": f"{start}—{until}",
                  "group": group.name if group else ""})  # fmt: skip
    return benefit


def _code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_SIGNS) for _ in range(CODE_LENGTH))
        if not Voucher.objects.filter(code=code).exists():
            return code


def code_shown(code: str) -> str:
    """A code as a person reads it: 4-4-4."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def code_read(text: str) -> str:
    """A code as typed or scanned: case, spaces and dashes do not matter."""
    return "".join(c for c in (text or "").upper() if c.isalnum())[:32]


@action
def voucher_claim(*, actor: Any, benefit: Benefit) -> Voucher:
    """The worker claims one of the benefit for themselves and gets a voucher with its code."""
    benefit = (
        Benefit.objects.select_for_update(of=("self",))
        .select_related("campaign__org", "group")
        .get(pk=benefit.pk)
    )
    why = rules.claim_refusal(actor, benefit)
    if why:
        raise Refused(why)
    member = rules.own_member(actor)
    assert member is not None  # claim_refusal refuses a worker without a counted membership
    benefit.issued += 1
    benefit.save(update_fields=["issued"])
    voucher = Voucher.objects.create(
        benefit=benefit, seq=benefit.issued, code=_code(), user=actor, member=member, name=member.name,
        unit=member.org.name,
    )  # fmt: skip
    audit(actor=actor, action="activities.voucher.claim", obj=voucher, org=benefit.campaign.org,
          detail={"title": benefit.title, "campaign": benefit.campaign.title, "voucher": voucher.seq,
                  "name": voucher.name})  # fmt: skip
    return voucher


@action
def voucher_redeem(*, actor: Any, voucher: Voucher) -> Voucher:
    """The campaign's union hands the goods over: the voucher is used, once."""
    voucher = (
        Voucher.objects.select_for_update(of=("self",))
        .select_related("benefit__campaign__org")
        .get(pk=voucher.pk)
    )
    if voucher.redeemed_at is not None:
        scope.require(actor, "edit", voucher.benefit.campaign.org)
        raise Refused(
            gettext("%(name)s的第 %(seq)s 号券已于%(when)s核销，不能重复使用。")
            % {"name": voucher.name, "seq": voucher.seq,
               "when": f"{timezone.localtime(voucher.redeemed_at):%m月%d日 %H:%M}"}
        )  # fmt: skip
    voucher.redeemed_at = timezone.now()
    voucher.redeemed_by = actor
    transition(VOUCHER, voucher, "redeem", actor=actor,
               detail={"title": voucher.benefit.title, "voucher": voucher.seq, "name": voucher.name},
               extra_fields=("redeemed_at", "redeemed_by"))  # fmt: skip
    return voucher


@action
def voucher_redeem_by_code(*, actor: Any, benefit: Benefit, code: str) -> Voucher:
    """Redeem the voucher whose code the worker shows (typed, or scanned from its QR code)."""
    scope.require(actor, "edit", benefit.campaign.org)
    wanted = code_read(code)
    if not wanted:
        raise Refused({"code": gettext("请扫描或输入职工出示的券码。")})
    voucher = Voucher.objects.filter(code=wanted).first()
    if voucher is None:
        raise Refused({"code": gettext("券码无效，请核对后重新输入。")})
    if voucher.benefit_id != benefit.pk:
        raise Refused({"code": gettext("该券不是「%(title)s」的券。") % {"title": benefit.title}})
    return voucher_redeem(actor=actor, voucher=voucher)
