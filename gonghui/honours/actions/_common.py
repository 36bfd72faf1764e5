"""What the honours actions share: locking a round, reading a person's fields."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from gonghui.kernel import cleaning
from gonghui.kernel.errors import Refused

from ..models import (
    Nomination,
    Round,
)

SEXES = [("男", "男"), ("女", "女")]


def _locked(round: Round) -> Round:
    """The round's row, locked: places and conditions are counted one writer at a time."""
    return Round.objects.select_for_update().select_related("org", "kind").get(pk=round.pk)


def _nomination(nomination: Nomination) -> Nomination:
    return Nomination.objects.select_related("round__org", "round__kind", "org", "at", "member").get(
        pk=nomination.pk
    )


def _person_fields(values: dict[str, Any], *, collective: bool) -> dict[str, Any]:
    return {
        "name": cleaning.text(
            values.get("name"), field="name", label="集体名称" if collective else "姓名", max_length=100
        ),
        "sex": ""
        if collective or not values.get("sex")
        else cleaning.choice(values.get("sex"), SEXES, field="sex", label="性别"),
        "unit": cleaning.text(values.get("unit"), field="unit", label="工作单位", max_length=100),
        "job": cleaning.text(
            values.get("job"), field="job", label="职务（岗位）", max_length=60, required=False
        ),
        "frontline": bool(values.get("frontline")),
        "leader": bool(values.get("leader")),
        "deeds": cleaning.body(values.get("deeds"), field="deeds", label="主要事迹", max_length=5000),
    }


def _from_register(member: Any, values: dict[str, Any], *, org: Any) -> dict[str, Any]:
    """Name, sex and unit from the member register where the form left them empty; refused for
    a member who is not one of `org`'s (or its unions' below)."""
    if not member.org.path.startswith(org.path):
        raise Refused(
            {
                "member": gettext("%(name)s不是「%(name2)s」的会员。")
                % {"name": member.name, "name2": org.name}
            }
        )
    register = {"name": member.name, "sex": member.sex, "unit": member.employer_name}
    return {**values, **{k: v for k, v in register.items() if not values.get(k)}}
