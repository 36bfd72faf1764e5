"""Writes of competitions: items and weights, entrants, scores, the ranking and the awards."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action, step_action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import InvalidTransition, transition
from gonghui.orgs.models import Org

from ..models import Competition, CompetitionKind, Entrant, Score, ScoringItem
from ..workflow import COMPETITION
from .targets import number

_S = Competition.State
CENT = Decimal("0.01")


def _editable(c: Competition, *states: str) -> None:
    if c.state not in states:
        raise InvalidTransition(f"竞赛{c.get_state_display()}，不能再修改。")


@action
def competition_create(
    *,
    actor: User | None,
    org: Org,
    name: str,
    kind: str,
    starts_on: Any,
    ends_on: Any,
    note: str = "",
) -> Competition:
    scope.require(actor, "edit", org)
    starts = cleaning.date(starts_on, field="starts_on", label="开始日期")
    ends = cleaning.date(ends_on, field="ends_on", label="结束日期", not_before=starts)
    c = Competition.objects.create(
        org=org,
        name=cleaning.text(name, field="name", label="竞赛名称", max_length=100),
        kind=cleaning.choice(kind, CompetitionKind.choices, field="kind", label="类别"),
        year=starts.year, starts_on=starts, ends_on=ends,
        note=cleaning.text(note, field="note", label="说明", max_length=300, required=False),
    )  # fmt: skip
    audit(
        actor=actor,
        action="targets.competition.create",
        obj=c,
        org=org,
        detail={"name": c.name, "kind": c.get_kind_display()},
    )
    return c


def _locked(c: Competition) -> Competition:
    return Competition.objects.select_for_update().select_related("org").get(pk=c.pk)


@action
def item_add(
    *, actor: User | None, competition: Competition, name: str, weight: Any, max_score: Any = "100"
) -> ScoringItem:
    c = _locked(competition)
    scope.require(actor, "edit", c.org)
    _editable(c, _S.DRAFT)
    name = cleaning.text(name, field="name", label="评分项目", max_length=60)
    w = number(weight, field="weight", label="权重")
    top = number(max_score, field="max_score", label="满分")
    if not 0 < w <= 100:
        raise Refused({"weight": gettext("权重应在0至100之间。")})
    if top <= 0:
        raise Refused({"max_score": gettext("满分应大于零。")})
    if c.items.filter(name=name).exists():
        raise Refused({"name": gettext("已有评分项目「%(name)s」。") % {"name": name}})
    total = sum((i.weight for i in c.items.all()), Decimal(0)) + w
    if total > 100:
        raise Refused(
            {
                "weight": gettext("各评分项目权重合计不能超过100%%（加上本项为%(total)s%%）。")
                % {"total": total}
            }
        )
    item = ScoringItem.objects.create(competition=c, name=name, weight=w, max_score=top)
    audit(
        actor=actor,
        action="targets.competition.item",
        obj=c,
        org=c.org,
        detail={"name": name, "weight": str(w)},
    )
    return item


@action
def entrant_add(
    *, actor: User | None, competition: Competition, org: Org, name: str, work_unit: str = ""
) -> Entrant:
    """An entrant of a participating unit (a union under the organiser)."""
    c = _locked(competition)
    scope.require(actor, "edit", c.org)
    _editable(c, _S.DRAFT, _S.SCORING)
    if not org.path.startswith(c.org.path):
        raise Refused({"org": gettext("参赛单位应为主办工会或其下级工会。")})
    name = cleaning.text(name, field="name", label="参赛选手（队）", max_length=60)
    if c.entrants.filter(org=org, name=name).exists():
        raise Refused({"name": gettext("%(name)s已登记「%(name2)s」。") % {"name": org.name, "name2": name}})
    entrant = Entrant.objects.create(
        competition=c, org=org, name=name,
        work_unit=cleaning.text(work_unit, field="work_unit", label="工作单位", max_length=100, required=False),
    )  # fmt: skip
    audit(
        actor=actor,
        action="targets.competition.entrant",
        obj=c,
        org=c.org,
        detail={"name": name, "unit": org.name},
    )
    return entrant


@action
def scores_record(*, actor: User | None, entrant: Entrant, scores: Mapping[int, Any]) -> Entrant:
    """An entrant's scores, item by item (a score typed again replaces the earlier one)."""
    c = _locked(entrant.competition)
    scope.require(actor, "edit", c.org)
    _editable(c, _S.SCORING)
    items = {i.pk: i for i in c.items.all()}
    changed = {}
    for item_id, raw in scores.items():
        item = items.get(item_id)
        if item is None:
            raise Refused(gettext("评分项目不属于本竞赛。"))
        if not str(raw if raw is not None else "").strip():
            continue
        value = number(raw, field=f"item_{item_id}", label=item.name)
        if value > item.max_score:
            raise Refused(
                {
                    f"item_{item_id}": gettext("%(name)s得分不能超过满分%(max_score)s。")
                    % {"name": item.name, "max_score": item.max_score}
                }
            )
        Score.objects.update_or_create(entrant=entrant, item=item, defaults={"score": value})
        changed[item.name] = str(value)
    if not changed:
        raise Refused(gettext("请至少填写一项得分。"))
    _total(entrant, items.values())
    audit(
        actor=actor,
        action="targets.competition.score",
        obj=c,
        org=c.org,
        detail={"name": entrant.name, "after": changed},
    )
    return entrant


def _total(entrant: Entrant, items: Any) -> None:
    """The weighted total on a 100-point scale: Σ score ÷ full marks × weight."""
    got = {s.item_id: s.score for s in entrant.scores.all()}
    total = sum((got[i.pk] / i.max_score * i.weight for i in items if i.pk in got), Decimal(0)).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
    Entrant.objects.filter(pk=entrant.pk).update(total=total)


competition_start = step_action(COMPETITION, "start", record="competition", lock=_locked)


@action
def competition_close(
    *, actor: User | None, competition: Competition, awards: Sequence[Any] = (1, 2, 3)
) -> Competition:
    """Rank the entrants by total (equal totals share a place) and give the awards: the first
    `awards[0]` places 一等奖, the next 二等奖, then 三等奖."""
    c = _locked(competition)
    counts = [cleaning.whole(n, field="awards", label="获奖名额", maximum=1000) for n in awards]
    if len(counts) != 3:
        raise Refused({"awards": gettext("请填写一、二、三等奖名额。")})
    COMPETITION.check(actor, c, "close")
    ranked = list(c.entrants.order_by("-total", "id"))
    previous: Decimal | None = None
    place = 0
    levels = (
        [Entrant.Award.FIRST] * counts[0]
        + [Entrant.Award.SECOND] * counts[1]
        + [Entrant.Award.THIRD] * counts[2]
    )
    for i, e in enumerate(ranked, start=1):
        place = place if previous is not None and e.total == previous else i
        previous = e.total
        e.rank = place
        e.award = levels[place - 1] if place - 1 < len(levels) else ""
        e.save(update_fields=["rank", "award"])
    winners = [e.name for e in ranked if e.award]
    transition(
        COMPETITION,
        c,
        "close",
        actor=actor,
        detail={"count": len(ranked), "elected": "、".join(winners)[:500]},
    )
    return c


@action
def competition_honour(
    *,
    actor: User | None,
    competition: Competition,
    kind: Any,
    awards: Sequence[str],
    awarded_on: Any,
    doc_no: str = "",
) -> list[Any]:
    """The winners of the chosen awards recorded in the honour register (劳模档案) with the kind
    of honour the organiser confers on them (e.g. 市五一劳动奖章 for the first prizes); each
    winner once, at the union they entered for."""
    from gonghui.honours.actions import honour_record

    c = _locked(competition)
    scope.require(actor, "edit", c.org)
    if c.state != Competition.State.CLOSED:
        raise Refused(gettext("竞赛结果公布后，才能将获奖者记入荣誉档案。"))
    chosen = [cleaning.choice(a, Entrant.Award.choices, field="awards", label="奖项") for a in awards or ()]
    if not chosen:
        raise Refused({"awards": gettext("请选择要记入荣誉档案的奖项。")})
    winners = list(
        c.entrants.filter(award__in=chosen, honour__isnull=True).select_related("org").order_by("rank", "id")
    )
    if not winners:
        raise Refused({"awards": gettext("所选奖项的获奖者都已记入荣誉档案。")})
    honours = []
    for e in winners:
        honour = honour_record(
            actor=actor, org=e.org, kind=kind, awarded_on=awarded_on, doc_no=doc_no, name=e.name,
            unit=e.work_unit or e.org.name, note=f"{c.name}{e.get_award_display()}"[:200],
        )  # fmt: skip
        Entrant.objects.filter(pk=e.pk).update(honour=honour)
        honours.append(honour)
    audit(
        actor=actor, action="targets.competition.honour", obj=c, org=c.org,
        detail={"name": c.name, "title": kind.name, "count": len(honours)},
    )  # fmt: skip
    return honours


@action
def competition_export_record(*, actor: User | None, competition: Competition, fmt: str = "xlsx") -> None:
    scope.require(actor, "view", competition.org)
    audit(actor=actor, action="targets.competition.export", obj=competition, org=competition.org,
          detail={"name": competition.name, "format": fmt})  # fmt: skip
