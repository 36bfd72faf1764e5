"""Service places (服务阵地): registered by the union that runs them, with where they are."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext, gettext_lazy

from gonghui.accounts.models import User
from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.codes import CodeError, division_check
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Org

from ..models import Place, PlaceKind

# Guangdong, with a margin: a point outside is a typo (swapped longitude and latitude, a digit).
LNG_RANGE = (Decimal("109.5"), Decimal("117.5"))
LAT_RANGE = (Decimal("20.0"), Decimal("25.6"))


def _coordinate(value: Any, bounds: tuple[Decimal, Decimal], *, field: str, label: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise Refused({field: gettext("%(label)s应为数字（如 113.264385）。") % {"label": label}}) from None
    if not number.is_finite() or not bounds[0] <= number <= bounds[1]:
        raise Refused(
            {
                field: gettext("%(label)s应在广东省范围内（%(low)s～%(high)s）。")
                % {"label": label, "low": bounds[0], "high": bounds[1]}
            }
        )
    return number.quantize(Decimal("0.000001"))


# A place's words: field, label, longest, required.
_WORDS = (
    ("name", gettext_lazy("名称"), 100, True),
    ("address", gettext_lazy("地址"), 200, True),
    ("hours", gettext_lazy("开放时间"), 100, True),
    ("services", gettext_lazy("服务内容"), 300, False),
    ("phone", gettext_lazy("联系电话"), 30, False),
)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    out: dict[str, Any] = {}

    def take(key: str, fn: Any, *args: Any, **kwargs: Any) -> None:
        try:
            out[key] = fn(*args, **kwargs)
        except Refused as exc:
            errors.update(exc.message_dict)

    take("kind", cleaning.choice, values.get("kind"), PlaceKind.choices, field="kind", label=gettext("类型"))
    for key, label, longest, required in _WORDS:
        take(key, cleaning.text, values.get(key), field=key, label=str(label), max_length=longest,
             required=required)  # fmt: skip
    take("lng", _coordinate, values.get("lng"), LNG_RANGE, field="lng", label=gettext("经度"))
    take("lat", _coordinate, values.get("lat"), LAT_RANGE, field="lat", label=gettext("纬度"))
    division = str(values.get("division") or "").strip()
    if division:
        try:
            out["division"] = division_check(division)
        except CodeError as exc:
            errors["division"] = [exc.message]
    else:
        out["division"] = ""
    if errors:
        raise Refused(errors)
    return out


@action
def place_register(*, actor: User | None, org: Org, **values: Any) -> Place:
    scope.require(actor, "edit", org)
    if not org.is_active:
        raise Refused(
            {
                "org": gettext("「%(name)s」%(status)s。")
                % {"name": org.name, "status": org.get_status_display()}
            }
        )
    data = _clean(values)
    if not data["division"]:
        data["division"] = (org.division or "")[:6]
    place = Place.objects.create(org=org, **data)
    audit(actor=actor, action="portal.place.register", obj=place, org=org,
          detail={"name": place.name, "kind": place.get_kind_display()})  # fmt: skip
    return place


@action
def place_update(*, actor: User | None, place: Place, **values: Any) -> Place:
    place = Place.objects.select_for_update().select_related("org").get(pk=place.pk)
    scope.require(actor, "edit", place.org)
    data = _clean(values)
    before = {k: str(getattr(place, k)) for k in data if str(getattr(place, k)) != str(data[k])}
    for key, value in data.items():
        setattr(place, key, value)
    place.save()
    audit(actor=actor, action="portal.place.update", obj=place, org=place.org,
          detail={"before": before, "name": place.name})  # fmt: skip
    return place


@action
def place_close(*, actor: User | None, place: Place) -> Place:
    place = Place.objects.select_for_update().select_related("org").get(pk=place.pk)
    scope.require(actor, "edit", place.org)
    if not place.active:
        raise Refused(gettext("该服务阵地已停止开放。"))
    place.active = False
    place.save(update_fields=["active"])
    audit(actor=actor, action="portal.place.close", obj=place, org=place.org, detail={"name": place.name})
    return place


def places_follow_merge(*, source: Org, target: Org, **_: Any) -> int:
    return Place.objects.filter(org=source).update(org=target)


def places_follow_dissolution(*, org: Org, **_: Any) -> int:
    """A dissolved union's places go to the union above, which decides whether they stay open."""
    if org.parent_id is None:
        return Place.objects.filter(org=org).update(active=False)
    return Place.objects.filter(org=org).update(org_id=org.parent_id)
