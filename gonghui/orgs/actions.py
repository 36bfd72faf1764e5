"""Every change to the organisation tree: scoped, validated, audited, with history kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.kernel import scope
from gonghui.kernel.audit import audit
from gonghui.kernel.codes import CodeError, credit_code_check, credit_code_is_union, division_check
from gonghui.kernel.masking import mask_bank_account
from gonghui.kernel.registry import registry

from .models import SEGMENT, SEGMENT_MAX, Kind, Level, Org, OrgEvent, OrgVersion, Status
from .rules import KINDS_BY_LEVEL, parent_allowed

EDITABLE = (
    "name", "short_name", "kind", "division", "credit_code", "legal_person", "legal_cert_no",
    "legal_cert_date", "bank_name", "bank_account", "address", "founded_on",
)  # fmt: skip
SECRET_FIELDS = {"bank_account"}
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _segment(n: int) -> str:
    if not 0 < n <= SEGMENT_MAX:
        raise ValidationError(gettext("该组织下级数量已达上限。"))
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = DIGITS[r] + out
    return out.rjust(SEGMENT, "0")


def _require(actor: User | None, perm: str, org: Org) -> None:
    # actor=None is the system itself (demo loader, migrations, the worker), never a request.
    if actor is not None:
        scope.require(actor, perm, org)


def _clean(values: dict[str, Any], *, level: str, instance: Org | None = None) -> dict[str, Any]:
    """Validate the descriptive fields; raises ValidationError keyed by field, in Chinese."""
    errors: dict[str, str] = {}
    out = dict(values)
    name = (out.get("name") or "").strip()
    if "name" in out:
        if not name:
            errors["name"] = gettext("请填写工会名称。")
        out["name"] = name
    if "kind" in out and out["kind"] not in KINDS_BY_LEVEL[level]:
        errors["kind"] = gettext("「%(label)s」不能是「%(value)s」类型。") % {
            "label": Level(level).label,
            "value": Kind(out["kind"]).label if out["kind"] in Kind.values else out["kind"],
        }
    if out.get("division"):
        try:
            out["division"] = division_check(out["division"].strip())
        except CodeError as exc:
            errors["division"] = str(exc)
    code = (out.get("credit_code") or "").strip()
    if "credit_code" in out:
        out["credit_code"] = None
        if code:
            try:
                code = credit_code_check(code)
                if not credit_code_is_union(code):
                    raise CodeError("工会的统一社会信用代码应以 81 开头。")
                clash = (
                    Org.objects.filter(credit_code=code).exclude(pk=instance.pk if instance else -1).first()
                )
                if clash is not None:
                    raise CodeError(f"统一社会信用代码 {code} 已被「{clash.name}」使用。")
                out["credit_code"] = code
            except CodeError as exc:
                errors["credit_code"] = str(exc)
    if out.get("legal_person") and not (out.get("legal_cert_no") or (instance and instance.legal_cert_no)):
        errors["legal_cert_no"] = gettext("具备法人资格的工会须填写法人资格证书编号。")
    if out.get("bank_account"):
        out["bank_account"] = "".join(str(out["bank_account"]).split())
        if not out["bank_account"].isdigit() or not 8 <= len(out["bank_account"]) <= 30:
            errors["bank_account"] = gettext("银行账号应为 8 至 30 位数字。")
    if errors:
        raise ValidationError(errors)
    return out


def _open_version(org: Org, on: dt.date) -> None:
    OrgVersion.objects.filter(org=org, valid_to__isnull=True).update(valid_to=on)
    OrgVersion.objects.create(
        org=org, parent=org.parent, name=org.name, level=org.level, status=org.status, valid_from=on
    )


def _event(org: Org, kind: str, *, actor: User | None, on: dt.date, note: str = "", **detail: Any) -> None:
    OrgEvent.objects.create(org=org, kind=kind, actor=actor, on=on, note=note[:200], detail=detail)


@transaction.atomic
def org_create(
    *, actor: User | None, parent: Org | None, level: str, on: dt.date | None = None, **values: Any
) -> Org:
    on = on or timezone.localdate()
    if parent is None:
        if actor is not None and not actor.is_superuser:
            raise ValidationError(gettext("只有系统管理员可以创建顶级组织。"))
    else:
        _require(actor, "manage", parent)
        parent = Org.objects.select_for_update().get(pk=parent.pk)
        parent.refuse_unless_active(gettext("「%(name)s」%(value)s，不能新增下级组织。"))
    if level not in Level.values:
        raise ValidationError({"level": gettext("未知层级。")})
    if not parent_allowed(child_level=level, parent_level=parent.level if parent else None):
        where = f"「{parent.name}」（{parent.get_level_display()}）" if parent else "顶级"
        raise ValidationError(
            {
                "level": gettext("%(label)s不能设在%(where)s之下。")
                % {"label": Level(level).label, "where": where}
            }
        )
    values.setdefault("kind", sorted(KINDS_BY_LEVEL[level])[0] if len(KINDS_BY_LEVEL[level]) == 1 else "")
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    values = _clean(values, level=level)
    if parent is None:
        last = (
            Org.objects.filter(parent__isnull=True).order_by("-path").values_list("path", flat=True).first()
        )
        path = _segment(int(last, 36) + 1 if last else 1)
    else:
        parent.child_seq += 1
        parent.child_count += 1
        Org.objects.filter(pk=parent.pk).update(child_seq=parent.child_seq, child_count=F("child_count") + 1)
        path = parent.path + _segment(parent.child_seq)
    org = Org.objects.create(
        parent=parent, path=path, depth=len(path) // SEGMENT - 1, level=level, status_since=on, **values
    )
    _open_version(org, on)
    _event(org, OrgEvent.Kind.CREATED, actor=actor, on=on)
    audit(actor=actor, action="org.create", obj=org, org=org, detail=_public(values))
    return org


def _public(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in values.items():
        if k in SECRET_FIELDS:
            out[k] = mask_bank_account(v) if v else ""
        elif isinstance(v, dt.date):
            out[k] = v.isoformat()
        else:
            out[k] = v
    return out


@transaction.atomic
def org_update(*, actor: User | None, org: Org, on: dt.date | None = None, **values: Any) -> Org:
    on = on or timezone.localdate()
    _require(actor, "edit", org)
    org = Org.objects.select_for_update().get(pk=org.pk)
    org.refuse_unless_active(gettext("「%(name)s」%(value)s，不能修改。"))
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    values = _clean(values, level=org.level, instance=org)
    changed = {k: v for k, v in values.items() if getattr(org, k) != v}
    if not changed:
        return org
    before = _public({k: getattr(org, k) for k in changed})
    for k, v in changed.items():
        setattr(org, k, v)
    org.save()
    if "name" in changed:
        _open_version(org, on)
    after = _public(changed)
    _event(org, OrgEvent.Kind.EDITED, actor=actor, on=on, before=before, after=after)
    audit(actor=actor, action="org.update", obj=org, org=org, detail={"before": before, "after": after})
    return org


def _relocate(org: Org, new_parent: Org) -> None:
    """Give `org` and its whole subtree a path under `new_parent`, in one UPDATE."""
    new_parent = Org.objects.select_for_update().get(pk=new_parent.pk)
    new_parent.child_seq += 1
    new_prefix = new_parent.path + _segment(new_parent.child_seq)
    old_prefix, old_parent_id = org.path, org.parent_id
    Org.objects.filter(pk=new_parent.pk).update(
        child_seq=new_parent.child_seq, child_count=F("child_count") + 1
    )
    Org.objects.filter(pk=old_parent_id).update(child_count=F("child_count") - 1)  # type: ignore[misc]
    Org.objects.filter(path__startswith=old_prefix).update(
        path=Concat(Value(new_prefix), Substr("path", len(old_prefix) + 1)),
        depth=F("depth") + (len(new_prefix) - len(old_prefix)) // SEGMENT,
    )
    Org.objects.filter(pk=org.pk).update(parent=new_parent)
    org.refresh_from_db()
    registry.structure_changed("relocated", org=org, old_path=old_prefix, new_path=org.path)


@transaction.atomic
def org_move(
    *, actor: User | None, org: Org, new_parent: Org, on: dt.date | None = None, note: str = ""
) -> Org:
    on = on or timezone.localdate()
    org = Org.objects.select_for_update().get(pk=org.pk)
    if org.parent is None:
        raise ValidationError(gettext("顶级组织不能调整隶属关系。"))
    _require(actor, "manage", org.parent)
    _require(actor, "manage", new_parent)
    if new_parent.pk == org.pk or new_parent.is_descendant_of(org):
        raise ValidationError({"new_parent": gettext("不能把组织调整到它自己或它的下级组织之下。")})
    if new_parent.pk == org.parent_id:
        raise ValidationError({"new_parent": gettext("新的上级与原上级相同。")})
    if not new_parent.is_active or not org.is_active:
        raise ValidationError({"new_parent": gettext("只能在正常状态的组织之间调整隶属关系。")})
    if not parent_allowed(child_level=org.level, parent_level=new_parent.level):
        raise ValidationError(
            {
                "new_parent": gettext("%(value)s不能设在%(value2)s之下。")
                % {"value": org.get_level_display(), "value2": new_parent.get_level_display()}
            }
        )
    old_parent = org.parent
    size = Org.objects.filter(path__startswith=org.path).count()
    _relocate(org, new_parent)
    _open_version(org, on)
    detail = {
        "from": old_parent.name,
        "from_id": old_parent.pk,
        "to": new_parent.name,
        "to_id": new_parent.pk,
    }
    _event(org, OrgEvent.Kind.MOVED, actor=actor, on=on, note=note, nodes=size, **detail)
    audit(actor=actor, action="org.move", obj=org, org=org, detail={**detail, "nodes": size})
    return org


@transaction.atomic
def org_merge(
    *, actor: User | None, source: Org, target: Org, on: dt.date | None = None, note: str = ""
) -> Org:
    """`source` is merged into `target`: its sub-unions move under the target, later modules move
    their records through their module.py (`Structure.merged`), and the source stays in history as 已合并."""
    on = on or timezone.localdate()
    source = Org.objects.select_for_update().get(pk=source.pk)
    target = Org.objects.select_for_update().get(pk=target.pk)
    _require(actor, "manage", source.parent or source)
    _require(actor, "manage", target)
    if source.pk == target.pk:
        raise ValidationError({"target": gettext("不能与自身合并。")})
    if target.is_descendant_of(source) or source.is_descendant_of(target):
        raise ValidationError({"target": gettext("不能与自己的上级或下级组织合并。")})
    if source.level != target.level:
        raise ValidationError({"target": gettext("只能合并同一层级的工会。")})
    if not (source.is_active and target.is_active):
        raise ValidationError({"target": gettext("只能合并两个正常状态的工会。")})
    children = list(Org.objects.filter(parent=source, status=Status.ACTIVE).order_by("path"))
    for child in children:
        _relocate(child, target)
        _open_version(child, on)
        _event(
            child, OrgEvent.Kind.MOVED, actor=actor, on=on, note=f"随「{source.name}」并入「{target.name}」"
        )
    registry.structure_changed("merged", source=source, target=target, actor=actor, on=on)
    source.refresh_from_db()
    source.status, source.status_since, source.merged_into = Status.MERGED, on, target
    source.save(update_fields=["status", "status_since", "merged_into", "updated_at"])
    _open_version(source, on)
    _event(
        source, OrgEvent.Kind.MERGED, actor=actor, on=on, note=note, target=target.name, target_id=target.pk
    )
    _event(
        target,
        OrgEvent.Kind.MERGED_IN,
        actor=actor,
        on=on,
        note=note,
        source=source.name,
        source_id=source.pk,
    )
    audit(
        actor=actor, action="org.merge", obj=source, org=source,
        detail={"target": target.name, "target_id": target.pk, "children_moved": len(children)},
    )  # fmt: skip
    return target


@transaction.atomic
def org_split(
    *,
    actor: User | None,
    org: Org,
    new_name: str,
    children: list[Org],
    on: dt.date | None = None,
    **values: Any,
) -> Org:
    """Part of `org` becomes a new sibling union that takes the chosen sub-unions with it."""
    on = on or timezone.localdate()
    org = Org.objects.select_for_update().get(pk=org.pk)
    if org.parent is None:
        raise ValidationError(gettext("顶级组织不能分立。"))
    _require(actor, "manage", org.parent)
    for child in children:
        if child.parent_id != org.pk:
            raise ValidationError(
                {
                    "children": gettext("「%(name)s」不是「%(name2)s」的直属下级。")
                    % {"name": child.name, "name2": org.name}
                }
            )
    new_org = org_create(
        actor=actor, parent=org.parent, level=org.level, on=on, name=new_name,
        kind=values.pop("kind", org.kind), division=values.pop("division", org.division), **values,
    )  # fmt: skip
    for child in children:
        _relocate(child, new_org)
        _open_version(child, on)
    registry.structure_changed(
        "split", source=org, new_org=new_org, moved_children=children, actor=actor, on=on
    )
    names = [c.name for c in children]
    _event(
        org,
        OrgEvent.Kind.SPLIT,
        actor=actor,
        on=on,
        new_org=new_org.name,
        new_org_id=new_org.pk,
        children=names,
    )
    audit(
        actor=actor, action="org.split", obj=org, org=org, detail={"new_org": new_org.name, "children": names}
    )
    return new_org


@transaction.atomic
def org_dissolve(*, actor: User | None, org: Org, reason: str, on: dt.date | None = None) -> Org:
    on = on or timezone.localdate()
    org = Org.objects.select_for_update().get(pk=org.pk)
    if org.parent is None:
        raise ValidationError(gettext("顶级组织不能撤销。"))
    _require(actor, "manage", org.parent)
    if not reason.strip():
        raise ValidationError({"reason": gettext("请填写撤销原因。")})
    org.refuse_unless_active(gettext("「%(name)s」%(value)s。"))
    if Org.objects.filter(parent=org, status=Status.ACTIVE).exists():
        raise ValidationError(gettext("该工会仍有正常状态的下级组织，请先调整或撤销下级组织。"))
    refusals = registry.dissolution_refusals(org)
    if refusals:
        raise ValidationError("；".join(refusals))
    org.status, org.status_since = Status.DISSOLVED, on
    org.save(update_fields=["status", "status_since", "updated_at"])
    _open_version(org, on)
    _event(org, OrgEvent.Kind.DISSOLVED, actor=actor, on=on, note=reason)
    registry.structure_changed("dissolved", org=org, actor=actor, on=on)
    audit(actor=actor, action="org.dissolve", obj=org, org=org, detail={"reason": reason})
    return org


@transaction.atomic
def org_reveal_bank_account(*, actor: User, org: Org) -> str:
    """The unmasked account number, for someone allowed to reveal; every use is audited."""
    scope.require(actor, "reveal", org)
    audit(actor=actor, action="pii.reveal", obj=org, org=org, detail={"field": "bank_account"})
    return org.bank_account
