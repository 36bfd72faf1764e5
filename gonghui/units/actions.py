"""Every change to units and collective contracts: scoped, validated, audited, history kept.

Where a unit hangs (`Unit.org`) is its covering union, else its registered union. Reading or
editing a unit needs the permission over `org`; moving it (a new union, a new ledger) also needs
`edit` over the old and the new registered union, so nobody can push a unit out of, or pull one
into, a subtree they do not hold.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.codes import (
    INDUSTRIES,
    UNIT_TYPES,
    CodeError,
    credit_code_check,
    credit_code_is_union,
    division_check,
)
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Kind, Level, Org

from .models import CollectiveContract, ContractKind, Unit, UnitStatus, UnitVersion
from .selectors import UnitFilter, contracts_for_actor, units_for_actor
from .tally import tally_refresh

FIELDS = (
    "credit_code", "name", "industry", "unit_type", "address", "division", "founded_on",
    "employees", "women", "migrants",
)  # fmt: skip
REQUIRED = ("credit_code", "name", "industry", "unit_type", "employees")
TRACKED = ("org_id", "registered_org_id", "covering_org_id", "employees", "women", "migrants", "status")
MAX_EMPLOYEES = 5_000_000
CONTRACT_MAX_YEARS = 3  # 《集体合同规定》第三十八条：集体合同期限一般为1至3年


class _Keep(enum.Enum):
    KEEP = 0


KEEP = _Keep.KEEP


# ------------------------------------------------------------------------------ validation


def unit_values_check(
    values: dict[str, Any], *, partial: bool = False
) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean a unit's descriptive fields without touching the database: (clean values, errors
    keyed by field, in Chinese). The importer runs it on every row, the actions on every write."""
    out: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for f in REQUIRED:
        if not partial or f in values:
            v = values.get(f)
            if v is None or (isinstance(v, str) and not v.strip()):
                errors[f] = gettext("必填，不能为空。")
    for f, v in values.items():
        if f not in FIELDS:
            raise TypeError(f"unknown unit field {f!r}")
        if f in errors:
            continue
        try:
            out[f] = _clean_one(f, v)
        except (CodeError, ValueError) as exc:
            errors[f] = str(exc)
    employees = out.get("employees")
    if employees is not None:
        for f, label in (("women", "女职工人数"), ("migrants", "农民工人数")):
            if out.get(f) is not None and out[f] > employees:
                errors[f] = gettext("%(label)s（%(value)s）不能大于职工人数（%(employees)s）。") % {
                    "label": label,
                    "value": out[f],
                    "employees": employees,
                }
    return out, errors


def _clean_one(f: str, v: Any) -> Any:
    if f == "credit_code":
        code = credit_code_check(str(v))
        if credit_code_is_union(code):
            raise ValueError("这是工会的统一社会信用代码（以81开头），请填写单位本身的代码。")
        return code
    if f == "name":
        name = " ".join(str(v).split())
        if len(name) > 200:
            raise ValueError("单位名称不能超过200个字。")
        return name
    if f == "industry":
        if v not in INDUSTRIES:
            raise ValueError("请选择国民经济行业分类（01至20）。")
        return v
    if f == "unit_type":
        if v not in UNIT_TYPES:
            raise ValueError("请选择单位类别（110至700）。")
        return v
    if f == "address":
        address = (v or "").strip()
        if len(address) > 200:
            raise ValueError("地址不能超过200个字。")
        return address
    if f == "division":
        return division_check(str(v).strip()) if v and str(v).strip() else ""
    if f == "founded_on":
        if v in (None, ""):
            return None
        if not isinstance(v, dt.date):
            raise ValueError("日期无效。")
        if v > cleaning.today():
            raise ValueError("成立日期不能晚于今天。")
        return v
    # head counts
    if v in (None, "") and f != "employees":
        return 0
    if isinstance(v, bool) or not isinstance(v, int):
        raise ValueError("应为整数。")
    if v < 0:
        raise ValueError("不能为负数。")
    if v > MAX_EMPLOYEES:
        raise ValueError(f"人数不能超过{MAX_EMPLOYEES}。")
    return v


def unit_clash_message(existing: Unit, actor: User | None) -> str:
    if actor is None or scope.can(actor, "view", existing.org):
        return f"统一社会信用代码 {existing.credit_code} 已登记为「{existing.name}」（{existing.org.name}）。"
    return f"统一社会信用代码 {existing.credit_code} 已由其他工会登记。"


def _check_unique(code: str, *, actor: User | None, instance: Unit | None = None) -> None:
    clash = Unit.objects.select_related("org").filter(credit_code=code)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    found = clash.first()
    if found is not None:
        raise Refused({"credit_code": unit_clash_message(found, actor)})


@dataclass(frozen=True)
class Placement:
    registered: Org
    covering: Org | None

    @property
    def home(self) -> Org:
        return self.covering or self.registered


def placement_check(*, actor: User | None, registered: Org, covering: Org | None) -> Placement:
    """Where a unit may hang: raises Refused (Chinese, keyed by field) or PermissionDenied."""
    scope.require(actor, "edit", registered)
    registered.refuse_unless_active(gettext("「%(name)s」%(value)s，不能登记单位。"), field="registered_org")
    if registered.level == Level.GROUP:
        raise Refused({"registered_org": gettext("工会小组不能登记单位，请选择其所在的基层工会。")})
    if covering is None and registered.level == Level.GRASSROOTS:
        covering = registered  # a grassroots union's own ledger lists the units it covers
    if covering is not None:
        if covering.level != Level.GRASSROOTS:
            raise Refused(
                {
                    "covering_org": gettext(
                        "「%(name)s」不是基层工会；单位应由基层工会（本单位工会或联合工会）覆盖。"
                    )
                    % {"name": covering.name}
                }
            )
        covering.refuse_unless_active(gettext("「%(name)s」%(value)s。"), field="covering_org")
        if not covering.path.startswith(registered.path):
            raise Refused(
                {
                    "covering_org": gettext("「%(name)s」不在「%(name2)s」的下辖范围内。")
                    % {"name": covering.name, "name2": registered.name}
                }
            )
    return Placement(registered, covering)


# ---------------------------------------------------------------------------------- history


def _version_fields(unit: Unit) -> dict[str, Any]:
    return {f: getattr(unit, f) for f in TRACKED}


def _open_version(unit: Unit, on: dt.date, *, recount: bool = True) -> None:
    """A new dated version of what the report counts; the unions it leaves and joins are
    recounted (unless the caller recounts them once for many units)."""
    current = UnitVersion.objects.filter(unit=unit, valid_to__isnull=True).order_by("-valid_from").first()
    if current is not None and current.valid_from > on:
        raise Refused(
            {
                "on": gettext("生效日期不能早于「%(name)s」上次变更的日期（%(valid_from)s）。")
                % {"name": unit.name, "valid_from": format(current.valid_from, "%Y-%m-%d")}
            }
        )
    if current is not None and current.valid_from == on:
        UnitVersion.objects.filter(pk=current.pk).update(**_version_fields(unit))
    else:
        if current is not None:
            UnitVersion.objects.filter(pk=current.pk).update(valid_to=on)
        UnitVersion.objects.create(unit=unit, valid_from=on, **_version_fields(unit))
    if recount:
        tally_refresh(org_ids=[unit.org_id, *([current.org_id] if current is not None else [])])


def _public(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in values.items():
        if isinstance(v, dt.date):
            out[k] = v.isoformat()
        elif isinstance(v, Org):
            out[k] = v.name
        else:
            out[k] = v
    return out


# ------------------------------------------------------------------------------------ units


@action
def unit_create(
    *,
    actor: User | None,
    registered_org: Org,
    covering_org: Org | None = None,
    on: dt.date | None = None,
    **values: Any,
) -> Unit:
    on = on or cleaning.today()
    place = placement_check(actor=actor, registered=registered_org, covering=covering_org)
    clean, errors = unit_values_check(values)
    if errors:
        raise Refused(errors)
    _check_unique(clean["credit_code"], actor=actor)
    try:
        with transaction.atomic():
            unit = Unit.objects.create(
                registered_org=place.registered,
                covering_org=place.covering,
                org=place.home,
                status_since=on,
                **clean,
            )
    except IntegrityError:  # registered by someone else a moment ago
        raise Refused(
            {
                "credit_code": gettext("统一社会信用代码 %(value)s 刚刚已被登记。")
                % {"value": clean["credit_code"]}
            }
        ) from None
    _open_version(unit, on)
    detail = {**_public(clean), "registered_org": place.registered.name}
    if place.covering is not None:
        detail["covering_org"] = place.covering.name
    audit(actor=actor, action="unit.create", obj=unit, org=place.home, detail=detail)
    return unit


def _locked(unit: Unit) -> Unit:
    return (
        Unit.objects.select_for_update(of=("self",))
        .select_related("org", "registered_org", "covering_org")
        .get(pk=unit.pk)
    )


@action
def unit_update(
    *,
    actor: User | None,
    unit: Unit,
    on: dt.date | None = None,
    registered_org: Org | _Keep = KEEP,
    covering_org: Org | _Keep | None = KEEP,
    **values: Any,
) -> Unit:
    """Change a unit's fields; head counts and placement open a new dated version from `on`."""
    on = on or cleaning.today()
    unit = _locked(unit)
    scope.require(actor, "edit", unit.org)
    if not unit.is_active:
        raise Refused(gettext("「%(name)s」已注销，不能修改。") % {"name": unit.name})
    clean, errors = unit_values_check(values, partial=True)
    if errors:
        raise Refused(errors)
    changed: dict[str, Any] = {k: v for k, v in clean.items() if getattr(unit, k) != v}
    registered = unit.registered_org if registered_org is KEEP else registered_org
    covering = unit.covering_org if covering_org is KEEP else covering_org
    if registered.pk != unit.registered_org_id or getattr(covering, "pk", None) != unit.covering_org_id:
        scope.require(actor, "edit", unit.registered_org)
        place = placement_check(actor=actor, registered=registered, covering=covering)
        if place.registered.pk != unit.registered_org_id:
            changed["registered_org"] = place.registered
        if getattr(place.covering, "pk", None) != unit.covering_org_id:
            changed["covering_org"] = place.covering
        unit.org = place.home
    if not changed:
        return unit
    if "credit_code" in changed:
        _check_unique(changed["credit_code"], actor=actor, instance=unit)
    before = _public({k: getattr(unit, k) for k in changed})
    for k, v in changed.items():
        setattr(unit, k, v)
    unit.save()
    if any(k in changed for k in ("employees", "women", "migrants", "registered_org", "covering_org")):
        _open_version(unit, on)
    after = _public(changed)
    for side in (before, after):
        for k in ("registered_org", "covering_org"):
            if k in side and side[k] is None:
                side[k] = "（无）"
    audit(
        actor=actor,
        action="unit.update",
        obj=unit,
        org=unit.org,
        detail={"before": before, "after": after, "on": on.isoformat()},
    )
    return unit


@action
def unit_close(*, actor: User | None, unit: Unit, reason: str, on: dt.date | None = None) -> Unit:
    """The unit has closed down (注销): it stays in the register and in reports before `on`."""
    on = on or cleaning.today()
    unit = _locked(unit)
    scope.require(actor, "edit", unit.org)
    if not reason.strip():
        raise Refused({"reason": gettext("请填写注销原因。")})
    if not unit.is_active:
        raise Refused(gettext("「%(name)s」已注销。") % {"name": unit.name})
    unit.status, unit.status_since = UnitStatus.CLOSED, on
    unit.save(update_fields=["status", "status_since", "updated_at"])
    _open_version(unit, on)
    audit(
        actor=actor,
        action="unit.close",
        obj=unit,
        org=unit.org,
        detail={"reason": reason.strip(), "on": on.isoformat()},
    )
    return unit


@dataclass
class UnitDraft:
    """One unit to create in bulk: values already passed `unit_values_check`."""

    values: dict[str, Any]
    covering: Org | None = None


@action
def unit_bulk_create(
    *,
    actor: User | None,
    registered_org: Org,
    drafts: Sequence[UnitDraft],
    on: dt.date | None = None,
    source: str = "",
    batch_size: int = 2000,
) -> int:
    """The write of an import: all the units or none, with their first versions and one audit
    row, in one transaction. Drafts must be clean; placement and uniqueness are checked again
    here, against what other users may have committed since the file was checked."""
    on = on or cleaning.today()
    placement_check(actor=actor, registered=registered_org, covering=None)
    placements: dict[int | None, Placement] = {}
    for d in drafts:
        key = d.covering.pk if d.covering is not None else None
        if key not in placements:
            placements[key] = placement_check(actor=actor, registered=registered_org, covering=d.covering)
    codes = [d.values["credit_code"] for d in drafts]
    if len(set(codes)) != len(codes):
        raise Refused(gettext("导入数据中有重复的统一社会信用代码。"))
    for i in range(0, len(codes), 500):
        taken = list(
            Unit.objects.filter(credit_code__in=codes[i : i + 500]).values_list("credit_code", flat=True)[:5]
        )
        if taken:
            raise Refused(
                gettext("统一社会信用代码 %(value)s 已被登记（可能是其他用户刚刚导入），请重新检查后导入。")
                % {"value": "、".join(taken)}
            )
    created = 0
    for i in range(0, len(drafts), batch_size):
        chunk = drafts[i : i + batch_size]
        units = []
        for d in chunk:
            place = placements[d.covering.pk if d.covering is not None else None]
            units.append(
                Unit(
                    registered_org=place.registered,
                    covering_org=place.covering,
                    org=place.home,
                    status_since=on,
                    **d.values,
                )
            )
        try:
            with transaction.atomic():
                Unit.objects.bulk_create(units, batch_size=batch_size)
        except IntegrityError:
            raise Refused(
                gettext("导入期间有其他用户登记了相同统一社会信用代码的单位，未导入任何数据，请重新导入。")
            ) from None
        UnitVersion.objects.bulk_create(
            [UnitVersion(unit=u, valid_from=on, **_version_fields(u)) for u in units], batch_size=batch_size
        )
        created += len(units)
    tally_refresh(org_ids={p.home.pk for p in placements.values()})
    audit(
        actor=actor,
        action="unit.import",
        org=registered_org,
        detail={"file": source, "created": created, "on": on.isoformat()},
    )
    return created


@action
def units_follow_merge(*, actor: User | None, source: Org, target: Org, on: dt.date) -> tuple[int, int]:
    """The units a merged union listed or covered, and the contracts it concluded, go to the
    union that absorbed it, each unit with a new dated version; the tallies of both (and of
    any union that covers a moved unit) are recounted once. One audit row says how many.
    Inside the merge's transaction: if this raises, the merge is undone."""
    moved = 0
    touched = {source.pk, target.pk}
    for unit in Unit.objects.select_for_update().filter(
        Q(org=source) | Q(registered_org=source) | Q(covering_org=source)
    ):
        touched.add(unit.org_id)
        if unit.registered_org_id == source.pk:
            unit.registered_org = target
        if unit.covering_org_id == source.pk:
            unit.covering_org = target
        unit.org = unit.covering_org or unit.registered_org
        unit.save(update_fields=["registered_org", "covering_org", "org", "updated_at"])
        if unit.is_active:
            _open_version(unit, on, recount=False)
        moved += 1
    contracts = CollectiveContract.objects.filter(org=source).update(org=target)
    tally_refresh(org_ids=touched)
    if moved or contracts:
        audit(
            actor=actor,
            action="unit.follow_merge",
            org=target,
            detail={"from": source.name, "to": target.name, "units": moved, "contracts": contracts},
        )
    return moved, contracts


# ---------------------------------------------------------------------------- contracts


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


@action
def contract_create(
    *,
    actor: User | None,
    org: Org,
    kind: str,
    title: str,
    signed_on: dt.date | None,
    expires_on: dt.date | None,
    workers_covered: int | None,
    units: Iterable[Unit],
    industry: str = "",
    note: str = "",
) -> CollectiveContract:
    scope.require(actor, "edit", org)
    errors: dict[str, str] = {}
    title = " ".join((title or "").split())
    if not org.is_active:
        errors["org"] = gettext("「%(name)s」%(value)s。") % {
            "name": org.name,
            "value": org.get_status_display(),
        }
    if kind not in ContractKind.values:
        errors["kind"] = gettext("请选择集体合同类型。")
    if not title:
        errors["title"] = gettext("请填写合同名称。")
    elif len(title) > 200:
        errors["title"] = gettext("合同名称不能超过200个字。")
    if signed_on is None:
        errors["signed_on"] = gettext("请填写签订日期。")
    elif signed_on > cleaning.today():
        errors["signed_on"] = gettext("签订日期不能晚于今天。")
    if expires_on is None:
        errors["expires_on"] = gettext("请填写期满日期。")
    elif signed_on is not None:
        if expires_on <= signed_on:
            errors["expires_on"] = gettext("期满日期应晚于签订日期。")
        elif expires_on > _add_years(signed_on, CONTRACT_MAX_YEARS):
            errors["expires_on"] = gettext("集体合同期限一般为1至3年，期满日期不应晚于%(value)s。") % {
                "value": format(_add_years(signed_on, CONTRACT_MAX_YEARS), "%Y-%m-%d")
            }
    if workers_covered is None or workers_covered < 0:
        errors["workers_covered"] = gettext("请填写覆盖职工数（不小于0的整数）。")
    if kind == ContractKind.INDUSTRY and industry not in INDUSTRIES:
        errors["industry"] = gettext("行业性集体合同须注明行业。")
    if industry and industry not in INDUSTRIES:
        errors["industry"] = gettext("行业代码无效。")
    if kind != ContractKind.INDUSTRY:
        industry = industry if industry in INDUSTRIES else ""
    if kind in (ContractKind.INDUSTRY, ContractKind.REGIONAL) and (
        org.level == Level.GROUP or (org.level == Level.GRASSROOTS and org.kind != Kind.JOINT)
    ):
        errors["org"] = gettext("行业性、区域性集体合同应由产业工会、镇（街道）等地方工会或联合工会签订。")
    unit_list = list(
        Unit.objects.select_related("org").filter(pk__in=[u.pk for u in units]).order_by("credit_code")
    )
    unit_errors: list[str] = []
    if not unit_list:
        unit_errors.append("请列出合同覆盖的单位。")
    for u in unit_list:
        if not u.org.path.startswith(org.path):
            unit_errors.append(f"「{u.name}」不在「{org.name}」的下辖范围内。")
        elif not u.is_active:
            unit_errors.append(f"「{u.name}」已注销。")
        elif kind == ContractKind.INDUSTRY and industry in INDUSTRIES and u.industry != industry:
            unit_errors.append(
                f"「{u.name}」的行业（{INDUSTRIES[u.industry]}）与合同行业（{INDUSTRIES[industry]}）不一致。"
            )
    if kind == ContractKind.SINGLE and len(unit_list) > 1:
        unit_errors.append("单位集体合同只覆盖一个单位；多个单位请登记为行业性或区域性集体合同。")
    if kind in (ContractKind.INDUSTRY, ContractKind.REGIONAL) and len(unit_list) == 1:
        unit_errors.append("行业性、区域性集体合同应覆盖两个以上单位。")
    if unit_errors:
        errors["units"] = "".join(unit_errors)
    total = sum(u.employees for u in unit_list)
    if (
        "workers_covered" not in errors
        and "units" not in errors
        and workers_covered is not None
        and workers_covered > total
    ):
        errors["workers_covered"] = gettext(
            "覆盖职工数（%(workers_covered)s）超过所列单位的职工总数（%(total)s）。"
        ) % {"workers_covered": workers_covered, "total": total}
    if errors:
        raise Refused(errors)
    assert signed_on is not None and expires_on is not None and workers_covered is not None
    contract = CollectiveContract.objects.create(
        kind=kind, title=title, org=org, industry=industry, signed_on=signed_on, expires_on=expires_on,
        workers_covered=workers_covered, note=(note or "").strip()[:200], created_by=actor,
    )  # fmt: skip
    contract.units.set(unit_list)
    tally_refresh(org_ids={u.org_id for u in unit_list})
    audit(
        actor=actor,
        action="contract.create",
        obj=contract,
        org=org,
        detail={
            "kind": ContractKind(kind).label,
            "signed_on": signed_on.isoformat(),
            "expires_on": expires_on.isoformat(),
            "workers_covered": workers_covered,
            "units": [u.name for u in unit_list][:50],
        },
    )
    return contract


@action
def contract_end(
    *, actor: User | None, contract: CollectiveContract, reason: str, on: dt.date | None = None
) -> CollectiveContract:
    """End a contract before it expires (解除/终止); it covers nobody from `on`."""
    on = on or cleaning.today()
    contract = (
        CollectiveContract.objects.select_for_update(of=("self",)).select_related("org").get(pk=contract.pk)
    )
    scope.require(actor, "edit", contract.org)
    if not reason.strip():
        raise Refused({"reason": gettext("请填写终止原因。")})
    if contract.ended_on is not None:
        raise Refused(
            gettext("该合同已于%(ended_on)s终止。") % {"ended_on": format(contract.ended_on, "%Y-%m-%d")}
        )
    if not contract.signed_on < on <= contract.expires_on:
        raise Refused(
            {
                "on": gettext("终止日期应在签订日期（%(signed_on)s）之后、期满日期（%(expires_on)s）之前。")
                % {
                    "signed_on": format(contract.signed_on, "%Y-%m-%d"),
                    "expires_on": format(contract.expires_on, "%Y-%m-%d"),
                }
            }
        )
    contract.ended_on = on
    contract.save(update_fields=["ended_on"])
    tally_refresh(org_ids=contract.units.values_list("org_id", flat=True))
    audit(
        actor=actor,
        action="contract.end",
        obj=contract,
        org=contract.org,
        detail={"reason": reason.strip(), "on": on.isoformat()},
    )
    return contract


@action
def report_export_record(*, actor: User | None, org: Org, fmt: str, on: dt.date, threshold: int) -> None:
    """An exported "两个普遍" report leaves an audit row (who, which subtree, which date)."""
    scope.require(actor, "view", org)
    audit(
        actor=actor,
        action="unit.report_export",
        org=org,
        detail={"format": fmt, "on": on.isoformat(), "threshold": threshold},
    )


def _describe(f: UnitFilter) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if f.within is not None:
        out["within"] = f.within.name
    for key in ("q", "industry", "unit_type", "status"):
        if getattr(f, key):
            out[key] = getattr(f, key)
    if f.has_union is not None:
        out["has_union"] = f.has_union
    if f.to_organise:
        out["to_organise"] = f.to_organise
    return out


@action
def units_export_record(*, actor: User | None, f: UnitFilter, fmt: str) -> int:
    """The audit row of an export (who, what, how many), written before the first byte leaves."""
    rows = units_for_actor(actor=actor, f=f).count()
    org = f.within or scope.first_root(actor)
    audit(actor=actor, action="unit.export", org=org, detail={"format": fmt, "rows": rows, **_describe(f)})
    return rows


@action
def contracts_export_record(
    *,
    actor: User | None,
    fmt: str,
    within: Org | None = None,
    kind: str = "",
    in_force_on: dt.date | None = None,
    expires_by: dt.date | None = None,
) -> int:
    """The audit row of a contract-list export, written before the first byte leaves."""
    rows = contracts_for_actor(
        actor=actor, within=within, kind=kind, in_force_on=in_force_on, expires_by=expires_by
    ).count()
    org = within or scope.first_root(actor)
    detail: dict[str, Any] = {"format": fmt, "rows": rows}
    if within is not None:
        detail["within"] = within.name
    if kind:
        detail["kind"] = kind
    if in_force_on is not None:
        detail["in_force_on"] = in_force_on.isoformat()
    if expires_by is not None:
        detail["expires_by"] = expires_by.isoformat()
    audit(actor=actor, action="contract.export", org=org, detail=detail)
    return rows
