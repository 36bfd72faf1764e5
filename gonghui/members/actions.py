"""Every change to the member register: scoped, validated, history kept, audited.

Writes take `actor=` (None is the system: demo loader, worker, the 30-day rule) and run in one
transaction with their MemberEvent rows and their audit row. The steps of a membership and of a
transfer are taken through `transition()`, which checks who may take them (workflow.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.kernel import scope
from gonghui.kernel.actions import action, save_unique
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Level, Org

from . import fields, keys
from .choices import COUNTED, HOLDING, Status
from .models import Member, MemberEvent, MemberLogin, Transfer, auto_approve_days
from .selectors import MEMBER_OF_USER
from .signals import members_changed
from .workflow import MEMBERSHIP, TRANSFER, InvalidTransition, side_step, transition

__all__ = ["auto_approve_days"]  # re-exported: the worker's job and the command name the rule

# Person fields a clerk may set on joining or edit later (ID, birth date and sex are fixed by
# the ID number; the union changes only by transfer or merge).
EDITABLE = (
    "phone", "ethnicity", "education", "political_status", "employment_status", "hukou_type",
    "migrant_worker", "employer_name", "employer_credit_code", "card_no",
)  # fmt: skip
PARSERS: dict[str, Any] = {
    "phone": fields.parse_phone,
    "ethnicity": fields.parse_ethnicity,
    "education": fields.parse_education,
    "political_status": fields.parse_political_status,
    "employment_status": fields.parse_employment_status,
    "hukou_type": fields.parse_hukou_type,
    "migrant_worker": lambda v: bool(fields.parse_yes_no(v)),
    "employer_name": lambda v: fields.parse_short_text(v, label="工作单位", max_length=100),
    "employer_credit_code": fields.parse_credit_code,
    "card_no": fields.parse_card_no,
}


def _event(
    member: Member, kind: str, *, actor: User | None, on: dt.date, org: Org | None = None,
    other_org: Org | None = None, note: str = "", **detail: Any,
) -> MemberEvent:  # fmt: skip
    """The history row every change of a member ends with; it also tells the modules that
    count members (the "两个普遍" tallies) which unions to recount."""
    event = MemberEvent.objects.create(
        member=member, kind=kind, on=on, actor=actor, org=org or member.org, other_org=other_org,
        note=note[:200], detail=detail,
    )  # fmt: skip
    touched = {member.org_id, *(o.pk for o in (org, other_org) if o is not None)}
    members_changed.send(sender=Member, org_ids=sorted(touched))
    return event


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(PARSERS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    out: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, raw in values.items():
        out[name] = fields.parsed(errors, name, PARSERS[name], raw)
    if errors:
        raise Refused(errors)
    return out


def holder_of(id_bidx: str) -> Member | None:
    """The membership a person holds (正常, 保留 or 待批准), anywhere in the province."""
    return Member.objects.select_related("org").filter(id_number_bidx=id_bidx, status__in=HOLDING).first()


def duplicate_message(existing: Member, actor: User | None) -> str:
    """Name the other union only to someone who may see it."""
    status = existing.get_status_display()
    if actor is None or scope.can(actor, "view", existing.org):
        return (
            f"此人已是「{existing.org.name}」的会员（{status}），一人只能有一个会籍；如已调动工作请办理转会。"
        )
    return "此人已在其他工会登记为会员（不在您的管辖范围内），一人只能有一个会籍；请联系其所在工会办理转会。"


def _grassroots(org: Org, field: str = "org") -> None:
    if org.level != Level.GRASSROOTS:
        raise Refused(
            {
                field: gettext("会员只能登记在基层工会，「%(name)s」是%(value)s。")
                % {"name": org.name, "value": org.get_level_display()}
            }
        )
    org.refuse_unless_active(gettext("「%(name)s」%(value)s，不能办理会员业务。"), field=field)


@action
def member_apply(
    *, actor: User | None, org: Org, name: str, id_number: str, on: dt.date | None = None,
    note: str = "", **values: Any,
) -> Member:  # fmt: skip
    """Register an application to join (入会申请), entered by the union's clerk: status 待批准."""
    on = on or timezone.localdate()
    scope.require(actor, "edit", org)
    _grassroots(org)
    errors: dict[str, str] = {}
    clean_name = fields.parsed(errors, "name", fields.parse_name, name)
    info = fields.parsed(errors, "id_number", fields.parse_id_number, id_number)
    try:
        cleaned = _clean(values)
    except Refused as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise Refused(errors)
    bidx = keys.id_bidx(info.number)
    existing = holder_of(bidx)
    if existing is not None:
        raise Refused({"id_number": duplicate_message(existing, actor)})
    now = timezone.now()
    member = Member(
        org=org, name=clean_name, id_number=info.number, id_number_bidx=bidx, birth_date=info.birth_date,
        sex=info.sex, status=Status.PENDING, status_since=on, created_at=now, updated_at=now, **cleaned,
    )  # fmt: skip
    member.phone_bidx = keys.phone_bidx(member.phone)
    # A concurrent application for the same person may win the race.
    save_unique(member, field="id_number", refusal=gettext("此人已有会籍或入会申请，一人只能有一个会籍。"))
    _event(member, MemberEvent.Kind.APPLIED, actor=actor, on=on, note=note)
    audit(actor=actor, action="member.apply", obj=member, org=org, detail={"name": member.name})
    return member


def _locked(member: Member) -> Member:
    return Member.objects.select_for_update().select_related("org").get(pk=member.pk)


@action
def member_approve(
    *, actor: User | None, member: Member, on: dt.date | None = None, note: str = ""
) -> Member:
    """基层工会委员会批准: 会籍 starts on the approval date."""
    on = on or timezone.localdate()
    member = _locked(member)
    member.join_date, member.status_since, member.updated_at = on, on, timezone.now()
    transition(MEMBERSHIP, member, "approve", actor=actor, org=member.org,
               extra_fields=("join_date", "status_since", "updated_at"))  # fmt: skip
    _event(member, MemberEvent.Kind.JOINED, actor=actor, on=on, note=note)
    return member


@action
def member_reject(*, actor: User | None, member: Member, reason: str, on: dt.date | None = None) -> Member:
    on = on or timezone.localdate()
    member = _locked(member)
    MEMBERSHIP.check(actor, member, "reject")  # who may, before what they typed
    if not reason.strip():
        raise Refused({"reason": gettext("请填写不予批准的理由。")})
    member.status_since, member.updated_at = on, timezone.now()
    transition(MEMBERSHIP, member, "reject", actor=actor, org=member.org, detail={"reason": reason},
               extra_fields=("status_since", "updated_at"))  # fmt: skip
    _event(member, MemberEvent.Kind.REJECTED, actor=actor, on=on, note=reason)
    return member


def _status_change(
    step: str, kind: str, *, actor: User | None, member: Member, on: dt.date | None, note: str
) -> Member:
    on = on or timezone.localdate()
    member = _locked(member)
    MEMBERSHIP.check(actor, member, step)  # who may, the state and no transfer under way
    if on > timezone.localdate():
        raise Refused({"on": gettext("日期不能晚于今天。")})
    if member.status_since and on < member.status_since:
        raise Refused(
            {
                "on": gettext("日期不能早于上次状态变动（%(status_since)s）。")
                % {"status_since": format(member.status_since, "%Y-%m-%d")}
            }
        )
    member.status_since, member.updated_at = on, timezone.now()
    transition(MEMBERSHIP, member, step, actor=actor, org=member.org, detail={"note": note, "on": on.isoformat()},
               extra_fields=("status_since", "updated_at"))  # fmt: skip
    _event(member, kind, actor=actor, on=on, note=note)
    return member


@action
def member_retain(*, actor: User | None, member: Member, on: dt.date | None = None, note: str = "") -> Member:
    """保留会籍 on retirement or lay-off: still a member, dues waived, no vote."""
    return _status_change("retain", MemberEvent.Kind.RETAINED, actor=actor, member=member, on=on, note=note)


@action
def member_restore(
    *, actor: User | None, member: Member, on: dt.date | None = None, note: str = ""
) -> Member:
    return _status_change("restore", MemberEvent.Kind.RESTORED, actor=actor, member=member, on=on, note=note)


@action
def member_leave(*, actor: User | None, member: Member, reason: str, on: dt.date | None = None) -> Member:
    MEMBERSHIP.check(actor, _locked(member), "leave")
    if not reason.strip():
        raise Refused({"reason": gettext("请填写退会原因。")})
    return _status_change("leave", MemberEvent.Kind.LEFT, actor=actor, member=member, on=on, note=reason)


def update_refusal(member: Member) -> str:
    """Why this record's details can no longer be changed ("" when they can)."""
    if member.status in (Status.LEFT, Status.REJECTED):
        return f"该会籍已{member.get_status_display()}，不能修改。"
    return ""


MASKED_PHONE = "手机号码已遮盖显示：不修改请保留原样，修改请输入完整的11位号码。"


def _unmasked(values: dict[str, Any], member: Member) -> dict[str, Any]:
    """The edit form shows the phone masked: sent back exactly as shown, the stored number stays
    (as if the field had not been sent); any other masked text is refused, never stored."""
    phone = values.get("phone")
    if not isinstance(phone, str) or "*" not in phone:
        return values
    if member.phone and phone.strip() == member.phone_masked:
        return {k: v for k, v in values.items() if k != "phone"}
    raise Refused({"phone": MASKED_PHONE})


@action
def member_update(*, actor: User | None, member: Member, on: dt.date | None = None, **values: Any) -> Member:
    """Change a member's details. The phone may come back masked, as the edit form shows it."""
    on = on or timezone.localdate()
    member = _locked(member)
    scope.require(actor, "edit", member.org)
    why = update_refusal(member)
    if why:
        raise Refused(why)
    cleaned = _clean(_unmasked(values, member))
    changed = {k: v for k, v in cleaned.items() if getattr(member, k) != v}
    if not changed:
        return member
    secret = {"phone"}
    before = {k: ("(已修改)" if k in secret else getattr(member, k)) for k in changed}
    after = {k: ("(已修改)" if k in secret else v) for k, v in changed.items()}
    for k, v in changed.items():
        setattr(member, k, v)
    if "phone" in changed:
        member.phone_bidx = keys.phone_bidx(member.phone)
    member.updated_at = timezone.now()
    member.save()
    _event(member, MemberEvent.Kind.UPDATED, actor=actor, on=on, before=before, after=after)
    audit(
        actor=actor,
        action="member.update",
        obj=member,
        org=member.org,
        detail={"before": before, "after": after},
    )
    return member


REVEALABLE = {"id_number": "身份证号码", "phone": "手机号码"}


@action
def member_reveal(
    *, actor: User, member: Member, fields: tuple[str, ...] = tuple(REVEALABLE)
) -> dict[str, str]:
    """The unmasked ID number and phone (or only the `fields` asked for: the edit form asks for
    the phone), for someone who may reveal; every use is audited with the fields shown."""
    scope.require(actor, "reveal", member.org)
    if not fields or any(f not in REVEALABLE for f in fields):
        raise Refused(gettext("只能显示%(value)s。") % {"value": "、".join(REVEALABLE.values())})
    shown = [f for f in REVEALABLE if f in fields]
    audit(actor=actor, action="pii.reveal", obj=member, org=member.org, detail={"fields": shown})
    return {f: getattr(member, f) for f in shown}


@action
def member_link_user(*, actor: User | None, member: Member, user: User) -> Member:
    """Give a worker's login their own record (the member pages show only that one)."""
    member = _locked(member)
    scope.require(actor, "manage", member.org)
    MemberLogin.objects.filter(user=user).delete()
    MemberLogin.objects.filter(member=member).delete()
    MemberLogin.objects.create(user=user, member=member)
    with contextlib.suppress(AttributeError):
        delattr(user, MEMBER_OF_USER)  # the answer member_for_user kept for this request
    audit(actor=actor, action="member.link_user", obj=member, org=member.org, detail={"user": user.username})
    return member


# ------------------------------------------------------------------------------- transfers


def transfer_refusal(member: Member) -> str:
    """Why this membership cannot be transferred now ("" when it can)."""
    if member.status not in COUNTED:
        return f"会籍状态为「{member.get_status_display()}」，不能办理转会。"
    if Transfer.objects.filter(member_id=member.pk, state__in=Transfer.OPEN).exists():
        return "该会员已有一份办理中的转会申请。"
    return ""


@action
def transfer_request(
    *, actor: User | None, member: Member, to_org: Org, reason: str = "", on: dt.date | None = None
) -> Transfer:
    """The sending union asks to move a member to another grassroots union anywhere in the
    province; the receiving union need not be in the requester's scope (it approves itself)."""
    on = on or timezone.localdate()
    member = _locked(member)
    scope.require(actor, "edit", member.org)
    why = transfer_refusal(member)
    if why:
        raise InvalidTransition(why)
    _grassroots(to_org, field="to_org")
    if to_org.pk == member.org_id:
        raise Refused({"to_org": gettext("转入工会与当前所在工会相同。")})
    transfer = Transfer.objects.create(
        member=member, from_org=member.org, to_org=to_org, reason=reason[:200], requested_by=actor
    )
    _event(member, MemberEvent.Kind.TRANSFER_REQUESTED, actor=actor, on=on, other_org=to_org, note=reason,
           transfer=transfer.pk)  # fmt: skip
    audit(actor=actor, action="transfer.request", obj=transfer, org=member.org,
          detail={"member": member.pk, "to_org": to_org.pk, "to": to_org.name})  # fmt: skip
    return transfer


def _locked_transfer(transfer: Transfer) -> Transfer:
    return (
        Transfer.objects.select_for_update()
        .select_related("member", "from_org", "to_org")
        .get(pk=transfer.pk)
    )


def _side_org(transfer: Transfer, side: str) -> Org:
    return transfer.from_org if side == "out" else transfer.to_org


def _decided(transfer: Transfer, side: str, actor: User | None) -> tuple[str, ...]:
    """Record who answered for `side`, and when; the fields to save."""
    now = timezone.now()
    if side == "out":
        transfer.out_decided_by, transfer.out_decided_at = actor, now
        return ("out_decided_by", "out_decided_at")
    transfer.in_decided_by, transfer.in_decided_at = actor, now
    return ("in_decided_by", "in_decided_at")


def _complete(transfer: Transfer, *, actor: User | None, on: dt.date, kind: str) -> None:
    """The last consent was given: the member moves (the step's guard checked they still can;
    the member's row is locked here, so a merge moving them meanwhile is seen)."""
    member = _locked(transfer.member)
    if member.org_id != transfer.from_org_id:
        raise InvalidTransition("该会员已不在转出工会，转会申请失效。")
    transfer.closed_at = timezone.now()
    transfer.save(update_fields=["closed_at"])
    member.org = transfer.to_org
    member.updated_at = timezone.now()
    member.save(update_fields=["org", "updated_at"])
    _event(
        member,
        kind,
        actor=actor,
        on=on,
        org=transfer.to_org,
        other_org=transfer.from_org,
        transfer=transfer.pk,
    )
    audit(actor=actor, action="member.transfer", obj=member, org=transfer.to_org,
          detail={"from": transfer.from_org.name, "to": transfer.to_org.name, "transfer": transfer.pk})  # fmt: skip


@action
def transfer_approve(
    *, actor: User | None, transfer: Transfer, side: str, on: dt.date | None = None
) -> Transfer:
    """One side's consent (`side` is "out" for the sending union, "in" for the receiving one);
    the second consent moves the member."""
    on = on or timezone.localdate()
    step = side_step("approve", side)
    transfer = _locked_transfer(transfer)
    org = _side_org(transfer, side)
    extra = _decided(transfer, side, actor)
    state = transition(TRANSFER, transfer, step, actor=actor, org=org, extra_fields=extra)
    kind = MemberEvent.Kind.TRANSFER_OUT_APPROVED if side == "out" else MemberEvent.Kind.TRANSFER_IN_APPROVED
    _event(transfer.member, kind, actor=actor, on=on, org=org, transfer=transfer.pk)
    if state == Transfer.State.DONE:
        _complete(transfer, actor=actor, on=on, kind=MemberEvent.Kind.TRANSFERRED)
    return transfer


@action
def transfer_reject(
    *, actor: User | None, transfer: Transfer, side: str, reason: str, on: dt.date | None = None
) -> Transfer:
    """One side refuses (before it has agreed); the request is closed."""
    on = on or timezone.localdate()
    step = side_step("reject", side)
    transfer = _locked_transfer(transfer)
    TRANSFER.check(actor, transfer, step)  # who may, before what they typed
    if not reason.strip():
        raise Refused({"reason": gettext("请填写拒绝理由。")})
    org = _side_org(transfer, side)
    transfer.reject_reason, transfer.closed_at = reason[:200], timezone.now()
    extra = ("reject_reason", "closed_at", *_decided(transfer, side, actor))
    transition(TRANSFER, transfer, step, actor=actor, org=org, detail={"side": side, "reason": reason},
               extra_fields=extra)  # fmt: skip
    _event(transfer.member, MemberEvent.Kind.TRANSFER_REJECTED, actor=actor, on=on, org=org, note=reason,
           transfer=transfer.pk, side=side)  # fmt: skip
    return transfer


@action
def transfer_cancel(*, actor: User | None, transfer: Transfer, on: dt.date | None = None) -> Transfer:
    on = on or timezone.localdate()
    transfer = _locked_transfer(transfer)
    transfer.closed_at = timezone.now()
    transition(TRANSFER, transfer, "cancel", actor=actor, org=transfer.from_org, extra_fields=("closed_at",))
    _event(transfer.member, MemberEvent.Kind.TRANSFER_CANCELLED, actor=actor, on=on, org=transfer.from_org,
           transfer=transfer.pk)  # fmt: skip
    return transfer


def _close(transfer: Transfer, *, why: str, actor: User | None, on: dt.date) -> None:
    """Close a request that can no longer complete (the system's step); its history says why and
    names whoever's change closed it (None: the worker)."""
    transfer.closed_at, transfer.reject_reason = timezone.now(), why[:200]
    transition(TRANSFER, transfer, "close", actor=None, org=transfer.from_org, detail={"reason": why},
               extra_fields=("closed_at", "reject_reason"))  # fmt: skip
    _event(transfer.member, MemberEvent.Kind.TRANSFER_CLOSED, actor=actor, on=on, org=transfer.from_org,
           other_org=transfer.to_org, note=why, transfer=transfer.pk)  # fmt: skip


def transfers_auto_approve(*, now: dt.datetime | None = None) -> list[Transfer]:
    """The 30-day rule: a request unanswered for GONGHUI_TRANSFER_AUTO_APPROVE_DAYS days is taken
    as approved by whoever has not answered. Run by the worker or cron; each transfer is its own
    transaction, so one that cannot complete does not hold back the others."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=auto_approve_days())
    done: list[Transfer] = []
    due = Transfer.objects.filter(state__in=Transfer.OPEN, requested_at__lte=cutoff).order_by(
        "requested_at", "id"
    )
    for pk in due.values_list("pk", flat=True):
        try:
            done.append(_auto_approve_one(pk, now=now))
        except InvalidTransition as exc:
            _auto_fail(pk, now=now, why="；".join(exc.messages))
    return done


@transaction.atomic
def _auto_approve_one(pk: int, *, now: dt.datetime) -> Transfer:
    transfer = _locked_transfer(Transfer(pk=pk))
    on = timezone.localdate(now)
    missing = []
    if transfer.out_decided_at is None:
        missing.append("转出工会")
    if transfer.in_decided_at is None:
        missing.append("转入工会")
    transition(TRANSFER, transfer, "auto_approve", actor=None, org=transfer.to_org,
               detail={"days": auto_approve_days(), "unanswered": missing})  # fmt: skip
    _event(transfer.member, MemberEvent.Kind.TRANSFER_AUTO_APPROVED, actor=None, on=on, org=transfer.to_org,
           other_org=transfer.from_org, note=f"{'、'.join(missing)}{auto_approve_days()}日内未答复，视为同意",
           transfer=transfer.pk)  # fmt: skip
    _complete(transfer, actor=None, on=on, kind=MemberEvent.Kind.TRANSFERRED)
    return transfer


@transaction.atomic
def _auto_fail(pk: int, *, now: dt.datetime, why: str) -> None:
    """A request that can no longer complete (the member moved, the union closed) is closed."""
    transfer = _locked_transfer(Transfer(pk=pk))
    if transfer.is_open:
        _close(transfer, why=f"无法办结：{why}", actor=None, on=timezone.localdate(now))


# ------------------------------------------------------------------------- the tree changes


def members_follow_merge(*, source: Org, target: Org, actor: User | None, on: dt.date) -> int:
    """The register's `Structure.merged` (members/module.py): the source union's members move to
    the target, in bulk, with one history row each and one audit row; open transfers follow.
    Runs inside the merge's transaction (a failure here undoes the merge)."""
    moving = list(Member.objects.filter(org=source).values_list("pk", "status"))
    if not moving and not Transfer.objects.filter(state__in=Transfer.OPEN, to_org=source).exists():
        return 0
    if moving and target.level != Level.GRASSROOTS:
        raise Refused(gettext("有会员的基层工会只能并入另一个基层工会。"))
    now = timezone.now()
    Member.objects.filter(org=source).update(org=target, updated_at=now)
    MemberEvent.objects.bulk_create(
        [
            MemberEvent(
                member_id=pk,
                kind=MemberEvent.Kind.MERGED,
                on=on,
                at=now,
                actor=actor,
                org=target,
                other_org=source,
                note=f"「{source.name}」并入「{target.name}」",
            )
            for pk, status in moving
            if status not in (Status.LEFT, Status.REJECTED)
        ],
        batch_size=2000,
    )
    # Open transfers: the sending side is now the target; one that would now go nowhere ends.
    Transfer.objects.filter(state__in=Transfer.OPEN, from_org=source).update(from_org=target)
    Transfer.objects.filter(state__in=Transfer.OPEN, to_org=source).update(to_org=target)
    moot = Transfer.objects.select_related("member", "from_org", "to_org").filter(
        state__in=Transfer.OPEN, from_org=target, to_org=target
    )
    for t in moot:
        t.closed_at = now
        transition(TRANSFER, t, "cancel", actor=actor, org=target, detail={"reason": "工会合并"},
                   extra_fields=("closed_at",))  # fmt: skip
        _event(t.member, MemberEvent.Kind.TRANSFER_CANCELLED, actor=actor, on=on, org=target,
               note=f"「{source.name}」并入「{target.name}」，转出与转入已是同一工会", transfer=t.pk)  # fmt: skip
    members_changed.send(sender=Member, org_ids=sorted({source.pk, target.pk}))
    audit(actor=actor, action="member.merge_move", org=target,
          detail={"source": source.name, "source_id": source.pk, "moved": len(moving)})  # fmt: skip
    return len(moving)


def members_refuse_dissolution(org: Org) -> str:
    """The register's `Structure.refuses_dissolution`: a union that still holds members (正常 or
    保留会籍) is not dissolved; they go first, or the union is merged (they move with it)."""
    held = Member.objects.filter(org=org, status__in=COUNTED).count()
    if not held:
        return ""
    return (
        f"「{org.name}」还有 {held} 名会员（正常或保留会籍），不能撤销。请先为他们办理转会或退会；"
        "如全体会员转入另一个基层工会，请改为将本工会并入该工会（会员随之转入）。"
    )


def members_follow_dissolution(*, org: Org, actor: User | None, on: dt.date, **_: Any) -> None:
    """The register's `Structure.dissolved`: nobody takes a dissolved union's work, so
    - its members (正常 or 保留会籍) must have gone first: a union that still holds any is not
      dissolved (this refusal undoes the dissolution); they transfer or leave one by one, or
      the union is merged into another grassroots union, which takes them all;
    - applications to join it can no longer be decided: they are refused, which frees each
      person to apply elsewhere (one membership per person);
    - requests to transfer into it can no longer complete: they are closed.
    Each with its history row, and one audit row saying how many. Counts do not change: no
    counted member is touched."""
    refusal = members_refuse_dissolution(org)
    if refusal:
        raise Refused(refusal)
    why = f"「{org.name}」已撤销"
    pending = Member.objects.select_for_update().select_related("org").filter(org=org, status=Status.PENDING)
    refused = 0
    for member in pending.order_by("pk"):
        member.status_since, member.updated_at = on, timezone.now()
        transition(MEMBERSHIP, member, "reject", actor=actor, org=org, detail={"reason": why},
                   extra_fields=("status_since", "updated_at"))  # fmt: skip
        _event(member, MemberEvent.Kind.REJECTED, actor=actor, on=on, note=why)
        refused += 1
    incoming = Transfer.objects.select_for_update().select_related("member", "from_org", "to_org")
    closed = 0
    for transfer in incoming.filter(state__in=Transfer.OPEN, to_org=org).order_by("pk"):
        _close(transfer, why=f"转入工会{why}", actor=actor, on=on)
        closed += 1
    if refused or closed:
        audit(actor=actor, action="member.follow_dissolve", org=org,
              detail={"refused": refused, "closed": closed})  # fmt: skip
