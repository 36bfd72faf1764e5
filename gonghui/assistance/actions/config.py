"""The tables administrators keep: 低保 lines by division and year, approval rules by level."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.cleaning import money
from gonghui.kernel.codes import CodeError, division_check
from gonghui.orgs.models import Level, Org

from ..models import ApprovalRule, SubsistenceLine
from ..routing import APPROVING_LEVELS

# Who sets the authority of the levels below them; a union never sets its own.
RULE_OWNERS = (Level.PROVINCE, Level.CITY, Level.INDUSTRY)


def division_prefix(division: str) -> str:
    """The part of a GB/T 2260 code a division's own admin covers: 44 for 440000, 4401 for 440100."""
    if division.endswith("0000"):
        return division[:2]
    if division.endswith("00"):
        return division[:4]
    return division


def line_editors_org(actor: Any, division: str) -> Org | None:
    """A union, where the actor may manage, whose division covers `division` (None: may not)."""
    s = scope.scope_of(actor)
    paths = s.paths("manage")
    if not paths and not s.superuser:
        return None
    candidates = Org.objects.filter(
        level__in=[Level.PROVINCE, Level.CITY, Level.COUNTY], status="active"
    ).exclude(division="")
    for org in candidates.order_by("depth"):
        if (s.superuser or any(org.path.startswith(p) for p in paths)) and division.startswith(
            division_prefix(org.division)
        ):
            return org
    return None


@action
def subsistence_line_set(
    *, actor: Any, division: str, year: int, monthly: Any, note: str = ""
) -> SubsistenceLine:
    try:
        division = division_check(str(division or "").strip())
    except CodeError as exc:
        raise ValidationError({"division": exc.message}) from None
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": gettext("年度无效。")})
    value = money(monthly, field="monthly", label="低保标准", allow_zero=False, maximum=Decimal("100000"))
    org = line_editors_org(actor, division) if actor is not None else None
    if actor is not None and org is None:
        raise PermissionDenied("只有该地区（或其上级地区）总工会的管理员可以设置低保标准。")
    line = SubsistenceLine.objects.filter(division=division, year=year).first()
    before = str(line.monthly) if line is not None else None
    if line is None:
        line = SubsistenceLine(division=division, year=year)
    line.monthly = value
    line.note = " ".join((note or "").split())[:200]
    line.updated_by = actor if getattr(actor, "pk", None) else None
    line.updated_at = timezone.now()
    line.save()
    audit(actor=actor, action="assistance.line.set", obj=line, org=org,
          detail={"division": division, "year": year, "before": {"monthly": before}, "after": {"monthly": str(value)}})  # fmt: skip
    return line


@action
def approval_rule_set(
    *, actor: Any, owner: Org, level: str, limit: Any, escalate_days: int = 15, publicity_days: int = 0
) -> ApprovalRule:
    """Set what a level may approve within `owner`'s subtree (an empty limit: no limit)."""
    scope.require(actor, "manage", owner)
    if owner.level not in RULE_OWNERS:
        raise PermissionDenied("帮扶审批权限由省、市总工会（或省产业工会）制定，不能为本级自行设定审批限额。")
    errors: dict[str, str] = {}
    if level not in APPROVING_LEVELS:
        errors["level"] = gettext("请选择审批层级（镇街、县区、地市、产业或省总工会）。")
    value = None
    if limit not in (None, ""):
        try:
            value = money(
                limit, field="limit", label="审批限额", allow_zero=False, maximum=Decimal("10000000")
            )
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if not 0 <= int(escalate_days) <= 365:
        errors["escalate_days"] = gettext("逾期上报天数应在0至365之间（0表示不上报）。")
    if not 0 <= int(publicity_days) <= 30:
        errors["publicity_days"] = gettext("公示天数应在0至30之间（0表示不公示）。")
    if errors:
        raise ValidationError(errors)
    rule = ApprovalRule.objects.filter(owner=owner, level=level).first()
    before = None if rule is None else {"limit": str(rule.limit), "escalate_days": rule.escalate_days,
                                        "publicity_days": rule.publicity_days}  # fmt: skip
    rule = rule or ApprovalRule(owner=owner, level=level)
    rule.limit = value
    rule.escalate_days = int(escalate_days)
    rule.publicity_days = int(publicity_days)
    rule.updated_by = actor if getattr(actor, "pk", None) else None
    rule.updated_at = timezone.now()
    rule.save()
    audit(actor=actor, action="assistance.rule.set", obj=rule, org=owner,
          detail={"level": rule.get_level_display(), "before": before,
                  "after": {"limit": str(value) if value is not None else "不限", "escalate_days": rule.escalate_days,
                            "publicity_days": rule.publicity_days}})  # fmt: skip
    return rule


@action
def approval_rule_delete(*, actor: Any, rule: ApprovalRule) -> None:
    scope.require(actor, "manage", rule.owner)
    audit(actor=actor, action="assistance.rule.delete", obj=rule, org=rule.owner,
          detail={"level": rule.get_level_display(), "limit": str(rule.limit)})  # fmt: skip
    rule.delete()
