"""Applications for help: submit (a union, or the worker on their own pages), approve within the
authority the rules give, 公示, reject with a reason, pay, withdraw, escalate when overdue, and
go to the union that now approves when the tree changes under them. Who may take each step, and
what the application must allow, is the workflow's (workflow.APPLICATION)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import scope
from gonghui.kernel.actions import action, step_action
from gonghui.kernel.audit import audit
from gonghui.kernel.cleaning import money, text, today
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition

from .. import choices as c
from ..models import Application, Fund, FundEntry, Household, Payment
from ..routing import route, rule_for_approver
from ..selectors import is_own_household
from ..workflow import APPLICATION
from .funds import fund_credit, fund_debit

MAX_APPLICATION = Decimal("200000.00")


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("household", "org", "approver")
        .get(pk=application.pk)
    )


@action
def application_submit(
    *, actor: Any, household: Household, kind: str, amount: Any, reason: str, by_member: bool = False
) -> Application:
    """Apply for one type of help. A union officer needs `edit` over the filing union; a worker
    applies only for their own household (`by_member`)."""
    if by_member:
        if actor is not None and not is_own_household(user=actor, household=household):
            raise PermissionDenied("只能为本人的困难职工档案提出申请。")
    else:
        scope.require(actor, "edit", household.org)
    errors: dict[str, Any] = {}
    if kind not in c.Kind.values:
        errors["kind"] = gettext("请选择帮扶类型。")
    try:
        amount = money(amount, field="amount", label="申请金额", allow_zero=False, maximum=MAX_APPLICATION)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        reason = text(reason, field="reason", label="申请理由（困难情况）", max_length=500)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    household = Household.objects.select_for_update().get(pk=household.pk)
    if household.status != Household.Status.ACTIVE:
        raise ValidationError(gettext("该户不在档（已脱困或已合并），不能申请帮扶。"))
    if household.applications.filter(kind=kind, state__in=Application.OPEN).exists():
        raise ValidationError(
            {
                "kind": gettext("该户已有一份审批中的「%(label)s」申请，请等待审批结果。")
                % {"label": c.Kind(kind).label}
            }
        )
    way = route(org=household.org, amount=amount)
    application = Application.objects.create(
        household=household, org=household.org, kind=kind, amount=amount, reason=reason, approver=way.approver,
        submitted_by=actor if getattr(actor, "pk", None) else None, by_member=by_member,
    )  # fmt: skip
    audit(
        actor=actor, action="assistance.application.submit", obj=application, org=household.org,
        detail={"kind": c.Kind(kind).label, "amount": str(amount), "approver": way.approver.name,
                "by_member": by_member},
    )  # fmt: skip
    return application


@action
def application_approve(*, actor: Any, application: Application) -> Application:
    """Approve within the union's authority; the amount is taken from the approving union's fund
    of this year at once (returned if the application is refused during 公示)."""
    application = _locked(application)
    rule = rule_for_approver(org=application.org, approver=application.approver)
    days = rule.publicity_days if rule is not None else 0
    step = "approve" if days else "approve_now"  # into 公示 when the approving level's rule sets a period
    application.decided_by = actor if getattr(actor, "pk", None) else None
    application.decided_at = timezone.now()
    detail = {"amount": str(application.amount)}
    if days:
        application.publicity_until = today() + dt.timedelta(days=days)
        detail["publicity_until"] = str(application.publicity_until)
    # The step's rule, state and guard (the fund covers the amount) are checked before any money moves.
    transition(APPLICATION, application, step, actor=actor, org=application.approver, detail=detail,
               extra_fields=("decided_by", "decided_at", "publicity_until"))  # fmt: skip
    fund = Fund.objects.get(org=application.approver, year=today().year)  # the guard found it
    application.fund = fund
    application.save(update_fields=["fund"])
    fund_debit(
        actor=actor, fund=fund, amount=application.amount, kind=FundEntry.Kind.DISBURSEMENT,
        note=f"{application.household.name} {application.get_kind_display()}", application=application,
    )  # fmt: skip
    Payment.objects.create(
        household=application.household, org=application.approver, kind=application.kind,
        amount=application.amount, application=application, approved_on=today(),
    )  # fmt: skip
    return application


def _refund(actor: Any, application: Application, why: str) -> None:
    payment = Payment.objects.filter(application=application).first()
    if payment is not None and application.fund is not None:
        fund_credit(actor=actor, fund=application.fund, amount=payment.amount, kind=FundEntry.Kind.REFUND,
                    note=f"{application.household.name} {why}", application=application)  # fmt: skip
        payment.delete()


@action
def application_reject(*, actor: Any, application: Application, reason: str) -> Application:
    """不予批准, with a reason; during 公示 the money taken at approval returns to the fund."""
    application = _locked(application)
    APPLICATION.check(actor, application, "reject")  # who, and when, before the reason is read
    reason = text(reason, field="reason", label="不予批准理由", max_length=200, required=False)
    if not reason:
        raise Refused({"reason": gettext("不予批准须填写理由。")})
    was = application.state
    application.reject_reason = reason
    application.decided_by = actor if getattr(actor, "pk", None) else None
    application.decided_at = timezone.now()
    transition(APPLICATION, application, "reject", actor=actor, org=application.approver,
               detail={"reason": reason}, extra_fields=("reject_reason", "decided_by", "decided_at"))  # fmt: skip
    if was == Application.State.PUBLICITY:
        _refund(actor, application, "公示期内撤销批准，资金退回")
    return application


@action
def application_end_publicity(*, actor: Any, application: Application) -> Application:
    application = _locked(application)
    transition(APPLICATION, application, "publicity_end", actor=actor, org=application.approver)
    return application


@action
def application_pay(*, actor: Any, application: Application, paid_on: dt.date | None = None) -> Application:
    """登记发放: a clerk of the approving union records that the money reached the household."""
    application = _locked(application)
    APPLICATION.check(actor, application, "pay")
    paid_on = paid_on or today()
    if paid_on > today():
        raise ValidationError({"paid_on": gettext("发放日期不能晚于今天。")})
    application.paid_on = paid_on
    transition(APPLICATION, application, "pay", actor=actor, org=application.approver,
               detail={"paid_on": str(paid_on)}, extra_fields=("paid_on",))  # fmt: skip
    Payment.objects.filter(application=application).update(status=Payment.Status.PAID, paid_on=paid_on)
    return application


application_withdraw = step_action(
    APPLICATION, "withdraw", record="application", lock=_locked,
    doc="The applying union, or the worker whose household it is, takes a waiting application back.",
)  # fmt: skip


def applications_escalate(*, now: dt.datetime | None = None) -> list[Application]:
    """Applications that waited at one union longer than its rule allows go up one level. For
    cron or the worker (manage.py assistance_escalate); `now` fixed in tests."""
    now = now or timezone.now()
    moved = []
    waiting = Application.objects.filter(state=Application.State.SUBMITTED).select_related("org", "approver")
    for candidate in waiting.order_by("waiting_since", "id"):
        rule = rule_for_approver(org=candidate.org, approver=candidate.approver)
        days = rule.escalate_days if rule is not None else 0
        if not days or candidate.waiting_since + dt.timedelta(days=days) > now:
            continue
        with transaction.atomic():
            application = _locked(candidate)
            if application.state != Application.State.SUBMITTED:
                continue
            try:
                way = route(org=application.org, amount=application.amount, above=application.approver)
            except ValidationError:
                continue  # already at the top: stays where it is
            before = application.approver
            application.approver = way.approver
            application.waiting_since = now
            application.escalations += 1
            transition(APPLICATION, application, "escalate", actor=None, org=way.approver,
                       detail={"from_org": before.name, "to_org": way.approver.name, "days": days},
                       extra_fields=("approver", "waiting_since", "escalations"))  # fmt: skip
            moved.append(application)
    return moved


def applications_publicity_close() -> list[Application]:
    """公示期满 without objection: approved, ready to pay (the worker, every day)."""
    done = []
    due = Application.objects.filter(state=Application.State.PUBLICITY, publicity_until__lte=today())
    for candidate in due.order_by("id"):
        with transaction.atomic():
            application = _locked(candidate)
            if APPLICATION.may(None, application, "publicity_end"):
                transition(APPLICATION, application, "publicity_end", actor=None, org=application.approver)
                done.append(application)
    return done


def applications_reroute(*, applications: list[Application], reason: str) -> int:
    """Waiting applications whose approving union is no longer the one the rules name for them
    (their union moved, merged or its approver was dissolved) go to the union that approves now,
    with the clock started again there. Inside the caller's transaction (a change of the tree),
    as the system's step (the audit row names the change in `reason`); one that no rule can
    place stays where it is."""
    moved = 0
    for candidate in applications:
        application = _locked(candidate)
        if application.state != Application.State.SUBMITTED:
            continue
        try:
            way = route(org=application.org, amount=application.amount)
        except ValidationError:
            continue
        if way.approver.pk == application.approver_id:
            continue
        before = application.approver
        application.approver = way.approver
        application.waiting_since = timezone.now()
        transition(APPLICATION, application, "reroute", actor=None, org=way.approver,
                   detail={"from_org": before.name, "to_org": way.approver.name, "reason": reason},
                   extra_fields=("approver", "waiting_since"))  # fmt: skip
        moved += 1
    return moved
