"""Trade → union routing (新就业形态入会去向): which union takes the workers of a trade without a
fixed employer who live in an area. Kept as rows by the union of the area, read by the join
routing."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Level, Org

from ..models import Occupation, TradeRoute


def trade_route_for(*, occupation: str, home: Org) -> TradeRoute | None:
    """The row that routes a worker of `occupation` living at `home` (a street union): the one of
    the nearest union at or above the street whose receiving union is active."""
    paths = [home.path[:i] for i in range(4, len(home.path) + 1, 4)]
    rows = (
        TradeRoute.objects.select_related("org", "receiving")
        .filter(occupation=occupation, org__path__in=paths, org__status="active", receiving__status="active")
        .order_by("-org__depth")
    )
    return rows.first()


def _receiving(org: Org, receiving: Org | None) -> Org:
    if receiving is None:
        raise Refused({"receiving": gettext("请选择接收入会的工会。")})
    if not receiving.is_active:
        raise Refused(
            {"receiving": gettext("「%(name)s」已撤销或合并，不能接收会员。") % {"name": receiving.name}}
        )
    if receiving.level == Level.PROVINCE:
        raise Refused({"receiving": gettext("请选择行业工会、区域（联合）工会或基层工会。")})
    return receiving


@action
def trade_route_set(
    *, actor: User | None, org: Org, occupation: Any, receiving: Org | None, note: Any = ""
) -> TradeRoute:
    """The area union says which union takes the workers of a trade who live in it (one row per
    trade: setting it again changes it)."""
    scope.require(actor, "edit", org)
    if not org.is_active:
        raise Refused({"org": gettext("「%(name)s」已撤销或合并。") % {"name": org.name}})
    errors: dict[str, Any] = {}
    try:
        occupation = cleaning.choice(
            occupation, Occupation.choices, field="occupation", label=gettext("职业")
        )
    except Refused as exc:
        errors.update(exc.message_dict)
    try:
        receiving = _receiving(org, receiving)
    except Refused as exc:
        errors.update(exc.message_dict)
    try:
        note = cleaning.text(note, field="note", label=gettext("说明"), max_length=200, required=False)
    except Refused as exc:
        errors.update(exc.message_dict)
    if errors:
        raise Refused(errors)
    assert receiving is not None
    row = TradeRoute.objects.select_for_update().filter(org=org, occupation=occupation).first()
    before = row.receiving.name if row is not None else ""
    if row is None:
        row = TradeRoute(org=org, occupation=occupation)
    row.receiving, row.note, row.updated_at = receiving, note, timezone.now()
    row.save()
    detail = {"occupation": row.get_occupation_display(), "receiving": receiving.name}
    if before and before != receiving.name:
        detail["before"] = before
    audit(actor=actor, action="portal.trade_route.set", obj=row, org=org, detail=detail)
    return row


@action
def trade_route_remove(*, actor: User | None, route: TradeRoute) -> None:
    """No row for the trade: its workers join the street union where they live (流动会员)."""
    route = TradeRoute.objects.select_for_update().select_related("org", "receiving").get(pk=route.pk)
    scope.require(actor, "edit", route.org)
    audit(actor=actor, action="portal.trade_route.remove", obj=route, org=route.org,
          detail={"occupation": route.get_occupation_display(), "receiving": route.receiving.name})  # fmt: skip
    route.delete()


def routes_follow_merge(*, source: Org, target: Org, **_: Any) -> int:
    """The merged union's rows go to the survivor (where it has none for the trade); the unions
    that named the merged one as receiving now name the survivor."""
    taken = set(TradeRoute.objects.filter(org=target).values_list("occupation", flat=True))
    rows = TradeRoute.objects.filter(org=source)
    moved = rows.exclude(occupation__in=taken).update(org=target)
    rows.delete()
    return moved + TradeRoute.objects.filter(receiving=source).update(receiving=target)


def routes_follow_dissolution(*, org: Org, **_: Any) -> int:
    """A dissolved union's rows go to the union above (where it has none for the trade); rows
    naming it as receiving go (those workers join their street union until a new row is set)."""
    gone = TradeRoute.objects.filter(receiving=org).delete()[0]
    rows = TradeRoute.objects.filter(org=org)
    moved = 0
    if org.parent_id is not None:
        taken = set(TradeRoute.objects.filter(org_id=org.parent_id).values_list("occupation", flat=True))
        moved = rows.exclude(occupation__in=taken).update(org_id=org.parent_id)
    rows.delete()
    return gone + moved
