"""The competition's course, as data: prepared, scored, its results published."""

from __future__ import annotations

from decimal import Decimal

from gonghui.kernel.workflow import Holds, Step, Workflow

from .models import Competition

_S = Competition.State


def _ready_to_score(c: Competition) -> str:
    weights = sum((i.weight for i in c.items.all()), Decimal(0))
    if not c.items.exists():
        return "请先设置评分项目。"
    if weights != 100:
        return f"评分项目权重合计应为100%，现为{weights}%。"
    if not c.entrants.exists():
        return "请先登记参赛选手（队）。"
    return ""


def _all_scored(c: Competition) -> str:
    from .models import Score

    missing = c.entrants.count() * c.items.count() - Score.objects.filter(entrant__competition=c).count()
    return f"尚有{missing}项得分未录入。" if missing else ""


COMPETITION = Workflow(
    name="竞赛",
    field="state",
    audit_prefix="targets.competition",
    labels=dict(_S.choices),
    steps={
        # The organiser starts scoring once the items weigh 100% and the entrants are in.
        "start": Step("开始评分", {_S.DRAFT: _S.SCORING}, Holds("edit"), guard=_ready_to_score),
        # The organiser publishes the ranking and the awards once every score is in.
        "close": Step("公布结果", {_S.SCORING: _S.CLOSED}, Holds("edit"), guard=_all_scored),
    },
)
