"""Writes: the indicator catalogue, targets and their split down the tree, monthly reports and
corrections, computed values, and the warnings a value sets off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import connection
from django.db.models import Sum
from django.utils.translation import gettext

from gonghui.accounts.models import Role, User
from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Org

from ..abilities import active_children, months_to_report, rolled_up, why_not_reported
from ..models import (
    DEFAULT_MILESTONES,
    Correction,
    Direction,
    Evidence,
    Flag,
    Indicator,
    Measure,
    Origin,
    Publication,
    Report,
    Target,
    Warning,
)
from ..progress import completion, due_date, expected, flag_of, month_end, month_open
from ..sources import SOURCES, compute, grouped_run

MAX_VALUE = Decimal("9999999999999.99")
CENT = Decimal("0.01")
WORSE: dict[str, int] = {Flag.NONE: 0, Flag.GREEN: 0, Flag.YELLOW: 1, Flag.RED: 2}


def number(value: Any, *, field: str, label: str) -> Decimal:
    """A figure (a count, money in 元, a percentage): at most two decimals, never negative."""
    d = number_or_none(value, field=field, label=label)
    if d is None:
        raise Refused({field: gettext("请填写%(label)s。") % {"label": label}})
    return d


def number_or_none(value: Any, *, field: str, label: str) -> Decimal | None:
    """A figure, or None when nothing was typed."""
    if isinstance(value, float):
        raise TypeError("figures must not be floats")
    raw = str(value if value is not None else "").strip().replace(",", "").replace("，", "")
    raw = raw.removesuffix("%").removesuffix("元").strip()
    if not raw:
        return None
    try:
        d = Decimal(raw)
    except InvalidOperation:
        raise Refused({field: gettext("%(label)s应为数字，如 600 或 95.5。") % {"label": label}}) from None
    if not d.is_finite():
        raise Refused({field: gettext("%(label)s应为数字，如 600 或 95.5。") % {"label": label}})
    if d < 0:
        raise Refused({field: gettext("%(label)s不能为负数。") % {"label": label}})
    if d > MAX_VALUE:
        raise Refused({field: gettext("%(label)s超出上限。") % {"label": label}})
    if d != d.quantize(CENT):
        raise Refused({field: gettext("%(label)s最多保留两位小数。") % {"label": label}})
    return d.quantize(CENT)


def _milestones(raw: Sequence[Any] | None) -> list[int]:
    if not raw:
        return list(DEFAULT_MILESTONES)
    points = [cleaning.whole(v, field="milestones", label="季度节点", maximum=100) for v in raw]
    if len(points) != 4 or points != sorted(points) or points[-1] != 100:
        raise Refused({"milestones": gettext("季度节点应为四个累计百分比，逐季不减，第四季度为100。")})
    return points


# ------------------------------------------------------------------------------ catalogue


@action
def indicator_create(
    *,
    actor: User | None,
    org: Org,
    name: str,
    unit: str,
    direction: str = Direction.HIGHER,
    measure: str = Measure.CUMULATIVE,
    source: str = "reported",
    code: str = "",
    category: str = "",
    note: str = "",
) -> Indicator:
    scope.require(actor, "edit", org)
    source = cleaning.choice(
        source, [("reported", ""), *((k, "") for k in SOURCES)], field="source", label="数据来源"
    )
    if source != "reported":
        measure = SOURCES[source].measure  # a computed figure is what its module says it is
        unit = unit or SOURCES[source].unit
    indicator = Indicator.objects.create(
        org=org,
        name=cleaning.text(name, field="name", label="指标名称", max_length=100),
        unit=cleaning.text(unit, field="unit", label="计量单位", max_length=20),
        direction=cleaning.choice(direction, Direction.choices, field="direction", label="方向"),
        measure=cleaning.choice(measure, Measure.choices, field="measure", label="取值方式"),
        source=source,
        code=cleaning.text(code, field="code", label="编号", max_length=20, required=False),
        category=cleaning.text(category, field="category", label="类别", max_length=40, required=False),
        note=cleaning.text(note, field="note", label="说明", max_length=300, required=False),
    )
    audit(
        actor=actor,
        action="targets.indicator.create",
        obj=indicator,
        org=org,
        detail={"name": indicator.name, "unit": indicator.unit, "source": indicator.source},
    )
    return indicator


# ------------------------------------------------------------------------------ targets


def _owner_at(owner: User | None, org: Org) -> User | None:
    if owner is not None and not scope.can(owner, "edit", org):
        raise Refused({"owner": gettext("看管人账号须在责任单位有经办权限。")})
    return owner


@action
def target_set(
    *,
    actor: User | None,
    org: Org,
    indicator: Indicator,
    year: Any,
    value: Any,
    owner_name: str,
    owner: User | None = None,
    baseline: Any = "0",
    milestones: Sequence[Any] | None = None,
    yellow_margin: Any = "10",
    red_margin: Any = "20",
) -> Target:
    """One indicator's goal for `org` in `year`."""
    scope.require(actor, "edit", org)
    if not org.path.startswith(indicator.org.path) or not indicator.active:
        raise Refused({"indicator": gettext("该指标不在本单位或上级工会的指标库中。")})
    year = cleaning.year(year, label="年度")
    yellow = number(yellow_margin, field="yellow_margin", label="黄色预警线")
    red = number(red_margin, field="red_margin", label="红色预警线")
    if red < yellow or red > 100:
        raise Refused({"red_margin": gettext("红色预警线应不小于黄色预警线，且不超过100。")})
    if Target.objects.filter(indicator=indicator, org=org, year=year).exists():
        raise Refused(
            {
                "indicator": gettext("%(name)s%(year)s年已有「%(name2)s」目标。")
                % {"name": org.name, "year": year, "name2": indicator.name}
            }
        )
    target = Target.objects.create(
        indicator=indicator,
        org=org,
        year=year,
        value=number(value, field="value", label="年度目标值"),
        baseline=number_or_none(baseline, field="baseline", label="年初基数") or Decimal("0.00"),
        milestones=_milestones(milestones),
        owner=_owner_at(owner, org),
        owner_name=cleaning.text(owner_name, field="owner_name", label="看管人", max_length=50),
        yellow_margin=yellow,
        red_margin=red,
    )
    audit(
        actor=actor,
        action="targets.target.set",
        obj=target,
        org=org,
        detail={"name": indicator.name, "year": year, "value": str(target.value), "owner": target.owner_name},
    )
    return target


@dataclass(frozen=True)
class Share:
    """One union's part of a split target."""

    org_id: int
    value: Any
    owner_name: str = ""


@action
def target_cascade(*, actor: User | None, target: Target, shares: Sequence[Share]) -> list[Target]:
    """Split `target` among the unions directly below its union (those given a value); a
    cumulative target's parts must add up to at least the whole (at most, where lower is
    better). A union that already holds a part has it changed."""
    target = Target.objects.select_for_update().select_related("indicator", "org").get(pk=target.pk)
    scope.require(actor, "edit", target.org)
    children = {c.pk: c for c in active_children(target.org)}
    if not children:
        raise Refused(gettext("本单位没有下级工会，无法分解目标。"))
    parts: list[tuple[Org, Decimal, str]] = []
    for share in shares:
        child = children.get(share.org_id)
        if child is None:
            raise Refused(gettext("只能分解给本单位的直属下级工会。"))
        value = number_or_none(share.value, field=f"value_{share.org_id}", label=f"{child.name}的目标值")
        if value is None:
            continue
        owner = cleaning.text(
            share.owner_name, field=f"owner_{share.org_id}", label="看管人", max_length=50, required=False
        )
        parts.append((child, value, owner or "待指定"))
    if not parts:
        raise Refused(gettext("请至少为一个下级工会填写目标值。"))
    total = sum((v for _c, v, _o in parts), Decimal("0.00"))
    indicator = target.indicator
    if indicator.measure == Measure.CUMULATIVE:
        if indicator.direction == Direction.HIGHER and total < target.value:
            raise Refused(
                gettext("分解到下级的目标合计 %(total)s，少于本级目标 %(value)s，请补足。")
                % {"total": total, "value": target.value}
            )
        if indicator.direction == Direction.LOWER and total > target.value:
            raise Refused(
                gettext("分解到下级的目标合计 %(total)s，超过本级目标 %(value)s。")
                % {"total": total, "value": target.value}
            )
    out: list[Target] = []
    for child, value, owner in parts:
        part, made = Target.objects.get_or_create(
            indicator=indicator,
            org=child,
            year=target.year,
            defaults={
                "parent": target, "value": value, "owner_name": owner, "milestones": target.quarter_milestones,
                "baseline": Decimal("0.00") if indicator.measure == Measure.CUMULATIVE else target.baseline,
                "yellow_margin": target.yellow_margin, "red_margin": target.red_margin,
            },
        )  # fmt: skip
        if not made:
            part.parent, part.value = target, value
            if owner != "待指定":
                part.owner_name = owner
            part.save(update_fields=["parent", "value", "owner_name"])
        _refresh_flag(part)
        out.append(part)
    audit(
        actor=actor,
        action="targets.target.cascade",
        obj=target,
        org=target.org,
        detail={"name": indicator.name, "unions": len(out), "total": str(total), "value": str(target.value)},
    )
    if rolled_up(target):
        for month in set(Report.objects.filter(target__parent=target).values_list("month", flat=True)):
            _roll(target, month)
    return out


# ------------------------------------------------------------------------------ reports


@action
def report_submit(
    *,
    actor: User | None,
    target: Target,
    month: Any,
    value: Any,
    evidence: str = "",
    on: dt.date | None = None,
    file: Any = None,
) -> Report:
    """The owner's value of one month (cumulative from January, or the month-end level)."""
    target = Target.objects.select_for_update().select_related("indicator", "org").get(pk=target.pk)
    scope.require(actor, "edit", target.org)
    why = why_not_reported(target)
    if why:
        raise Refused(why)
    on = on or cleaning.today()
    month = cleaning.whole(month, field="month", label="月份", minimum=1, maximum=12)
    if not month_open(target.year, month, on):
        raise Refused(
            {
                "month": gettext("%(year)s年%(month)s月尚未开始，不能报送。")
                % {"year": target.year, "month": month}
            }
        )
    if month not in months_to_report(target, on):
        raise Refused(
            {"month": gettext("%(month)s月已报送；如需修改，请提交更正并说明理由。") % {"month": month}}
        )
    report = Report.objects.create(
        target=target,
        month=month,
        value=number(value, field="value", label="完成值"),
        evidence=cleaning.body(
            evidence, field="evidence", label="佐证材料说明", max_length=2000, required=False
        ),
        reported_on=on,
        reported_by=actor,
        late=on > due_date(target.year, month),
    )
    audit(
        actor=actor,
        action="targets.report.submit",
        obj=report,
        org=target.org,
        detail={
            "name": target.indicator.name,
            "month": month,
            "value": str(report.value),
            "late": report.late,
        },
    )
    if file:
        evidence_add(actor=actor, report=report, upload=file)
    _after_value(target, month)
    return report


EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def _evidence_kinds() -> tuple[Any, ...]:
    from gonghui.kernel import filetypes

    return (filetypes.PDF, filetypes.JPEG, filetypes.PNG, filetypes.DOCX, filetypes.XLSX, filetypes.OFD)


@action
def evidence_add(*, actor: User | None, report: Report, upload: Any) -> Evidence:
    """A file attached to a month's report; its type is read from its content."""
    from gonghui.kernel.filetypes import allowed_labels, named, sniff_upload

    report = Report.objects.select_related("target__org", "target__indicator").get(pk=report.pk)
    scope.require(actor, "edit", report.target.org)
    if report.origin != Origin.REPORTED:
        raise Refused(gettext("系统计算或下级汇总的数值无需上传佐证材料。"))
    if upload.size is not None and upload.size > EVIDENCE_MAX_BYTES:
        raise Refused({"file": gettext("佐证材料不能超过 10 MB。")})
    kind = sniff_upload(upload, _evidence_kinds())
    if kind is None:
        raise Refused(
            {
                "file": gettext("「%(name)s」不是%(value)s文件。")
                % {"name": upload.name, "value": allowed_labels(_evidence_kinds())}
            }
        )
    name = named(" ".join((upload.name or "佐证材料").split())[:90], kind)
    item = Evidence(report=report, filename=name, content_type=kind.content_type, uploaded_by=actor)
    item.file.save(name, upload, save=False)
    item.save()
    audit(
        actor=actor,
        action="targets.report.evidence",
        obj=report,
        org=report.target.org,
        detail={"name": report.target.indicator.name, "month": report.month, "file": name},
    )
    return item


@action
def report_correct(*, actor: User | None, report: Report, value: Any, reason: str) -> Report:
    """Change a submitted value; the old one and the reason stay in the history."""
    report = (
        Report.objects.select_for_update()
        .select_related("target__org", "target__indicator")
        .get(pk=report.pk)
    )
    target = report.target
    scope.require(actor, "edit", target.org)
    if report.origin != Origin.REPORTED:
        raise Refused(gettext("系统计算或下级汇总的数值不能手工更正。"))
    after = number(value, field="value", label="更正后的完成值")
    reason = cleaning.text(reason, field="reason", label="更正理由", max_length=200)
    if after == report.value:
        raise Refused({"value": gettext("更正后的完成值与原值相同。")})
    Correction.objects.create(report=report, before=report.value, after=after, reason=reason, by=actor)
    before, report.value = report.value, after
    report.corrections_count += 1
    report.save(update_fields=["value", "corrections_count"])
    audit(
        actor=actor,
        action="targets.report.correct",
        obj=report,
        org=target.org,
        detail={"name": target.indicator.name, "month": report.month, "before": str(before), "after": str(after), "reason": reason},
    )  # fmt: skip
    _after_value(target, report.month)
    return report


def _after_value(target: Target, month: int) -> None:
    _refresh_flag(target)
    parent = target.parent
    if parent is not None and rolled_up(parent):
        _roll(parent, month)


def _roll(parent: Target, month: int) -> None:
    """A split cumulative target's value of a month: the sum of its parts' values."""
    total = Report.objects.filter(target__parent=parent, month=month).aggregate(t=Sum("value"))["t"]
    if total is None:
        return
    Report.objects.update_or_create(
        target=parent,
        month=month,
        defaults={"value": total, "origin": Origin.ROLLED, "reported_on": cleaning.today(), "late": False},
    )
    _after_value(parent, month)


def _refresh_flag(target: Target) -> None:
    """The target's latest value, its completion against that month's milestone, and its flag;
    a target that turns yellow or red tells its owner and the owner's superior."""
    latest = target.reports.order_by("-month").first()
    before = target.flag
    if latest is None:
        target.actual = target.actual_month = target.completion = None
        target.flag = Flag.NONE
    else:
        due = expected(
            value=target.value,
            baseline=target.baseline,
            month=latest.month,
            milestones=target.quarter_milestones,
        )
        done = completion(actual=latest.value, baseline=target.baseline, expected_value=due)
        target.actual, target.actual_month, target.completion = latest.value, latest.month, done
        target.flag = flag_of(done, yellow=target.yellow_margin, red=target.red_margin)
    target.save(update_fields=["actual", "actual_month", "completion", "flag"])
    if target.flag in (Flag.YELLOW, Flag.RED) and WORSE[target.flag] > WORSE[before]:
        _warn(target)


def _write_flags(targets: Sequence[Target]) -> None:
    """The targets' latest values and flags, written in bulk (one UPDATE … FROM VALUES per 5,000
    on PostgreSQL; Django's bulk_update builds a CASE per row and field, minutes for a province)."""
    if connection.vendor != "postgresql":
        Target.objects.bulk_update(targets, ["actual", "actual_month", "completion", "flag"], batch_size=2000)
        return
    from gonghui.core.generation import written

    written()  # raw SQL: the pages that show flags are made again once this commits
    table = Target._meta.db_table
    for i in range(0, len(targets), 5000):
        chunk = targets[i : i + 5000]
        values = ", ".join(["(%s, %s::numeric, %s::smallint, %s::numeric, %s)"] * len(chunk))
        params: list[Any] = []
        for t in chunk:
            params += [t.pk, t.actual, t.actual_month, t.completion, t.flag]
        with connection.cursor() as cur:
            cur.execute(
                f"UPDATE {table} AS t SET actual = v.actual, actual_month = v.month, completion = v.completion, "
                f"flag = v.flag FROM (VALUES {values}) AS v(id, actual, month, completion, flag) WHERE t.id = v.id",
                params,
            )


def _warn_many(targets: Sequence[Target]) -> int:
    """A monthly run's warnings: the rows in bulk, and one notice per person listing what of
    theirs turned yellow or red (a first run can light thousands at once)."""
    from gonghui.services.notify import Notice, send

    if not targets:
        return 0
    parent_ids = {t.parent_id for t in targets if t.parent_id}
    parents = {p.pk: p for p in Target.objects.filter(pk__in=parent_ids).select_related("owner")}
    above = {t.org.parent_id for t in targets if not t.parent_id and t.org.parent_id}
    officers: dict[int, list[User]] = {}
    for role in Role.objects.filter(org_id__in=above, kind__in=("admin", "clerk")).select_related("user"):
        officers.setdefault(role.org_id, []).append(role.user)
    inbox: dict[tuple[str, int | None], list[str]] = {}
    rows = []
    for t in targets:
        people: list[tuple[str, User | None]] = [(t.owner_name, t.owner)]
        parent = parents.get(t.parent_id or 0)
        if parent is not None:
            people.append((parent.owner_name, parent.owner))
        else:
            people += [(u.display_name, u) for u in officers.get(t.org.parent_id or 0, [])[:3]]
        line = f"{t.org.name}「{t.indicator.name}」{Flag(t.flag).label}（{t.completion}%）"
        for name, user in people:
            inbox.setdefault((name, user.pk if user else None), []).append(line)
        told = "、".join(dict.fromkeys(name for name, _u in people))[:200]
        rows.append(
            Warning(
                target=t, month=t.actual_month or 0, level=t.flag, completion=t.completion or 0, told=told
            )
        )
    Warning.objects.bulk_create(rows, batch_size=5000)
    for (name, user_id), lines in inbox.items():
        more = f"等{len(lines)}项" if len(lines) > 3 else ""
        text = f"{'；'.join(lines[:3])}{more}落后序时进度，已亮灯预警，请及时推进。"
        send(Notice(kind="target_warning", to_name=name, to_phone="", text=text, user_id=user_id))
    return len(rows)


def _set_flag(target: Target, month: int, value: Decimal) -> None:
    """The target's latest value, its completion of that month's milestone, and its flag."""
    due = expected(
        value=target.value, baseline=target.baseline, month=month, milestones=target.quarter_milestones
    )
    done = completion(actual=value, baseline=target.baseline, expected_value=due)
    target.actual, target.actual_month, target.completion = value, month, done
    target.flag = flag_of(done, yellow=target.yellow_margin, red=target.red_margin)


def _superiors(target: Target) -> list[tuple[str, User | None]]:
    """Whom a warning goes to: the owner, and the owner of the target it was split from (or the
    officers of the union above)."""
    people: list[tuple[str, User | None]] = [(target.owner_name, target.owner)]
    parent = target.parent
    if parent is not None:
        people.append((parent.owner_name, parent.owner))
    elif target.org.parent_id:
        for role in Role.objects.filter(
            org_id=target.org.parent_id, kind__in=("admin", "clerk")
        ).select_related("user")[:3]:
            people.append((role.user.display_name, role.user))
    return people


def _warn(target: Target) -> None:
    from gonghui.services.notify import Notice, send

    assert target.completion is not None and target.actual_month is not None
    label = Flag(target.flag).label
    text = (
        f"{target.org.name}「{target.indicator.name}」{target.year}年{target.actual_month}月完成序时进度的"
        f"{target.completion}%，已亮{label}，请及时推进。"
    )
    told = []
    for name, user in _superiors(target):
        send(
            Notice(
                kind="target_warning", to_name=name, to_phone="", text=text, user_id=user.pk if user else None
            )
        )
        told.append(name)
    warning = Warning.objects.create(
        target=target, month=target.actual_month, level=target.flag, completion=target.completion,
        told="、".join(dict.fromkeys(told))[:200],
    )  # fmt: skip
    audit(
        actor=None,
        action="targets.target.warn",
        obj=target,
        org=target.org,
        detail={"name": target.indicator.name, "month": warning.month, "level": label, "told": warning.told},
    )


# ------------------------------------------------------------------------------ computed


@action
def targets_compute(
    *, actor: User | None, year: int, month: int, within: Org | None = None, only_missing: bool = False
) -> int:
    """Fill the computed indicators' values of one month (for the targets under `within`): one
    grouped pass per source, the values written in bulk, flags kept, warnings sent."""
    if within is not None:
        scope.require(actor, "edit", within)
    if connection.vendor == "postgresql":
        from .compute import compute_set_based

        n, warned = compute_set_based(
            year=year, month=month, within=within, only_missing=only_missing, today=cleaning.today()
        )
        audit(
            actor=actor,
            action="targets.compute",
            org=within,
            detail={"year": year, "month": month, "count": n, "warnings": warned},
        )
        return n
    qs = (
        Target.objects.filter(year=year)
        .exclude(indicator__source="reported")
        .select_related("indicator", "org", "owner")
    )
    if within is not None:
        qs = qs.filter(org__path__startswith=within.path)
    if only_missing:
        qs = qs.exclude(reports__month=month)
    by_source: dict[str, list[Target]] = {}
    for t in qs:
        by_source.setdefault(t.indicator.source, []).append(t)
    today = cleaning.today()
    n = warned = 0
    with grouped_run():  # the "两个普遍" sources share one pass over the units register
        values_of = {
            key: compute(key, list({t.org_id: t.org for t in targets}.values()), year, month)
            for key, targets in by_source.items()
        }
    for key, targets in by_source.items():
        values = values_of[key]
        done = [(t, v) for t in targets if (v := values.get(t.org_id)) is not None]
        Report.objects.bulk_create(
            [
                Report(target=t, month=month, value=v, origin=Origin.COMPUTED, reported_on=today)
                for t, v in done
            ],
            update_conflicts=True,
            unique_fields=["target", "month"],
            update_fields=["value", "origin", "reported_on", "late"],
            batch_size=5000,
        )
        worse: list[Target] = []
        for t, v in done:
            if t.actual_month is not None and t.actual_month > month:
                continue  # a later month's value stands
            before = t.flag
            _set_flag(t, month, v)
            if t.flag in (Flag.YELLOW, Flag.RED) and WORSE[t.flag] > WORSE[before]:
                worse.append(t)
        _write_flags([t for t, _v in done])
        warned += _warn_many(worse)
        n += len(done)
    audit(
        actor=actor,
        action="targets.compute",
        org=within,
        detail={"year": year, "month": month, "count": n, "warnings": warned},
    )
    return n


def targets_compute_due() -> int:
    """The worker's part: fill every computed value of a month that has ended and lacks one."""
    today = cleaning.today()
    done = 0
    for year in sorted({today.year, (today - dt.timedelta(days=31)).year}):
        for month in range(1, 13):
            if month_end(year, month) >= today:
                break
            pending = (
                Target.objects.filter(year=year)
                .exclude(indicator__source="reported")
                .exclude(reports__month=month)
            )
            if pending.exists():
                done += targets_compute(actor=None, year=year, month=month, only_missing=True)
    return done


# ------------------------------------------------------------------------------ structure


def targets_follow_merge(*, source: Org, target: Org, actor: Any, on: dt.date, **_: Any) -> None:
    """The merged union's catalogue and targets go to the survivor; a target the survivor
    already holds for the same indicator and year stays with the merged union as history."""
    from ..models import Competition, Entrant

    indicators = Indicator.objects.filter(org=source).update(org=target)
    competitions = Competition.objects.filter(org=source).update(org=target)
    Entrant.objects.filter(org=source).update(org=target)
    held = set(Target.objects.filter(org=target).values_list("indicator_id", "year"))
    moved = kept = 0
    for t in Target.objects.filter(org=source):
        if (t.indicator_id, t.year) in held:
            kept += 1
            continue
        Target.objects.filter(pk=t.pk).update(org=target)
        moved += 1
    if indicators or moved or kept or competitions:
        audit(
            actor=actor,
            action="targets.follow_merge",
            org=target,
            detail={
                "source": source.name, "target": target.name, "indicators": indicators, "moved": moved,
                "kept": kept, "competitions": competitions,
            },
        )  # fmt: skip


@action
def circular_export_record(*, actor: User | None, org: Org, year: int, month: int, fmt: str = "xlsx") -> None:
    scope.require(actor, "view", org)
    audit(
        actor=actor,
        action="targets.circular.export",
        org=org,
        detail={"year": year, "month": month, "format": fmt},
    )


@action
def progress_export_record(*, actor: User | None, org: Org, year: int, fmt: str = "xlsx") -> None:
    scope.require(actor, "view", org)
    audit(actor=actor, action="targets.progress.export", org=org, detail={"year": year, "format": fmt})


@action
def circular_send(*, actor: User | None, org: Org, year: int, month: int, bulletin: Any) -> Any:
    """Send the month's circular to a bulletin of a union above as a submission (各地动态)."""
    from gonghui.bulletin.actions import submission_create

    from ..circular import circular_paragraphs, monthly_circular

    scope.require(actor, "edit", org)
    circular = monthly_circular(actor=actor, org=org, year=year, month=month)
    if not circular.sections:
        raise Refused(gettext("本单位本月没有分解到下级的目标，无可通报的内容。"))
    submission = submission_create(
        actor=actor, org=org, bulletin=bulletin, title=circular.title,
        body="\n".join(circular_paragraphs(circular)), unit=org.name, submit=True,
    )  # fmt: skip
    audit(
        actor=actor,
        action="targets.circular.send",
        obj=submission,
        org=org,
        detail={"year": year, "month": month, "bulletin": str(bulletin)},
    )
    return submission


# ------------------------------------------------------------------------------ public progress


@action
def target_publish(*, actor: User | None, target: Target, public: bool) -> Target:
    """Show (or stop showing) a target's progress on the union's public page."""
    target = Target.objects.select_for_update().select_related("org", "indicator").get(pk=target.pk)
    scope.require(actor, "edit", target.org)
    if target.public == public:
        raise Refused("该目标已公开。" if public else "该目标未公开。")
    target.public = public
    target.save(update_fields=["public"])
    audit(
        actor=actor,
        action="targets.target.publish" if public else "targets.target.unpublish",
        obj=target,
        org=target.org,
        detail={"name": target.indicator.name, "year": target.year},
    )
    return target


@action
def publication_set(*, actor: User | None, org: Org, active: bool, title: str = "") -> Publication:
    """Open (or close) the union's public page of progress; its address stays the same."""
    import secrets

    scope.require(actor, "edit", org)
    publication = Publication.objects.select_for_update().filter(org=org).first()
    if publication is None and not active:
        raise Refused(gettext("进度公开页尚未开启。"))
    if publication is None:
        publication = Publication(
            org=org, token=secrets.token_urlsafe(16), title=f"{org.name}民生实事进度公开"
        )
    if publication.pk and publication.active == active:
        raise Refused("进度公开页已开启。" if active else "进度公开页已关闭。")
    if title:
        publication.title = cleaning.text(title, field="title", label="标题", max_length=100)
    publication.active = active
    publication.save()
    audit(
        actor=actor,
        action="targets.publication.open" if active else "targets.publication.close",
        obj=publication,
        org=org,
        detail={"title": publication.title},
    )
    return publication
