"""The electronic membership card (会员服务卡): issued with the membership, shown as a QR code of a
signed token that expires within minutes, read by an officer's scan (audited), suspended when the
membership ends."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.kernel import scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.members.choices import COUNTED
from gonghui.members.models import Member
from gonghui.members.selectors import member_for_user
from gonghui.orgs.models import Org

from ..models import Card

SALT = "gonghui.portal.card"
PREFIX = "GHK1:"  # what a scanned code starts with: this system's card, version 1 of the token


def token_seconds() -> int:
    """How long a code shown on the phone stays good (the page draws a new one before then)."""
    return int(getattr(settings, "GONGHUI_CARD_TOKEN_SECONDS", 300))


def card_number(member: Member) -> str:
    division = (member.org.division or "440000")[:6]
    return f"{division}{member.pk:010d}"


def card_token(card: Card) -> str:
    """The QR code's content: the card's id and version, signed and timestamped; nothing else."""
    return PREFIX + signing.dumps({"c": card.pk, "v": card.version}, salt=SALT, compress=False)


def card_read(code: str) -> Card:
    """The card a code names, or Refused (in Chinese) when the code is not ours, was tampered
    with, has expired, was voided by a re-issue, or the card is suspended."""
    code = (code or "").strip()
    if not code.startswith(PREFIX):
        raise Refused({"code": gettext("这不是本系统的会员服务卡二维码。")})
    try:
        data = signing.loads(code[len(PREFIX) :], salt=SALT, max_age=token_seconds())
    except signing.SignatureExpired:
        raise Refused({"code": gettext("二维码已过期，请会员刷新会员卡页面后重新出示。")}) from None
    except signing.BadSignature:
        raise Refused({"code": gettext("二维码无效：签名校验失败（可能被篡改或伪造）。")}) from None
    card = Card.objects.select_related("member__org", "org").filter(pk=data.get("c")).first()
    if card is None or card.version != data.get("v"):
        raise Refused({"code": gettext("此二维码已作废（会员卡已重新签发）。")})
    if card.state != Card.State.ACTIVE:
        raise Refused(
            {
                "code": gettext("该会员服务卡已停用：%(reason)s。")
                % {"reason": card.suspended_reason or gettext("会籍已终止")}
            }
        )
    if card.member.status not in COUNTED:
        raise Refused(
            {
                "code": gettext("该会员会籍状态为「%(status)s」，会员服务卡无效。")
                % {"status": card.member.get_status_display()}
            }
        )
    return card


@action
def card_issue(*, actor: User | None, member: Member | None) -> Card:
    """Issue (or re-issue, voiding every code shown before) the card of a membership that
    stands; the worker asks for their own, an officer or the system for anyone's."""
    if member is None:
        raise Refused(gettext("您的账号尚未关联会员档案，请联系所在工会。"))
    member = Member.objects.select_for_update().select_related("org").get(pk=member.pk)
    if actor is not None:
        own = member_for_user(user=actor)
        if (own is None or own.pk != member.pk) and not scope.can(actor, "edit", member.org):
            raise PermissionDenied(scope.OUT_OF_SCOPE)
    if member.status not in COUNTED:
        raise Refused(
            gettext("会籍状态为「%(status)s」，不能发放会员服务卡。")
            % {"status": member.get_status_display()}
        )
    card = Card.objects.select_for_update().filter(member=member).first()
    if card is None:
        card = Card.objects.create(member=member, org=member.org, number=card_number(member))
        what = "issue"
    else:
        card.version += 1
        card.org, card.state, card.suspended_reason, card.suspended_at = (
            member.org,
            Card.State.ACTIVE,
            "",
            None,
        )
        card.issued_at = timezone.now()
        card.save()
        what = "reissue"
    audit(actor=actor, action=f"portal.card.{what}", obj=card, org=member.org, detail={"number": card.number})
    return card


@action
def card_scan(*, actor: User, code: str, place: str = "") -> Card:
    """An officer reads a member's card at an event or a service centre: who it is, audited.
    Any union officer may scan (a member from anywhere may come); they see name, union and
    standing, nothing more."""
    if not scope.scope_of(actor).holds_any("view"):
        raise PermissionDenied("只有工会工作人员可以核验会员服务卡。")
    card = card_read(code)
    audit(
        actor=actor, action="portal.card.scan", obj=card, org=card.member.org,
        detail={"number": card.number, "place": place[:100]},
    )  # fmt: skip
    return card


def cards_suspend_ended() -> int:
    """The worker's round: a card whose membership ended (退会, 不予批准) is suspended."""
    ended = Card.objects.filter(state=Card.State.ACTIVE).exclude(
        member__status__in=[s.value for s in COUNTED]
    )
    count = 0
    for pk in ended.values_list("pk", flat=True):
        count += _suspend_one(pk)
    return count


@action
def _suspend(*, actor: Any, card: Card, reason: str) -> Card:
    card.state, card.suspended_reason, card.suspended_at = Card.State.SUSPENDED, reason[:200], timezone.now()
    card.save(update_fields=["state", "suspended_reason", "suspended_at"])
    audit(actor=actor, action="portal.card.suspend", obj=card, org=card.org, detail={"reason": reason})
    return card


def _suspend_one(pk: int) -> int:
    card = Card.objects.select_related("member").get(pk=pk)
    if card.member.status in COUNTED:
        return 0
    _suspend(actor=None, card=card, reason=f"会籍已{card.member.get_status_display()}")
    return 1


def cards_follow_merge(*, source: Org, target: Org, **_: Any) -> int:
    return Card.objects.filter(org=source).update(org=target)
