"""The competition's course, as data: prepared, scored, its results published."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel.workflow import Holds, Step, Workflow

from .models import Competition

_S = Competition.State


def _ready_to_score(c: Competition) -> str:
    weights = sum((i.weight for i in c.items.all()), Decimal(0))
    if not c.items.exists():
        return gettext("请先设置评分项目。")
    if weights != 100:
        return gettext("评分项目权重合计应为100%%，现为%(weights)s%%。") % {"weights": weights}
    if not c.entrants.exists():
        return gettext("请先登记参赛选手（队）。")
    return ""


def _all_scored(c: Competition) -> str:
    from .models import Score

    missing = c.entrants.count() * c.items.count() - Score.objects.filter(entrant__competition=c).count()
    return gettext("尚有%(missing)s项得分未录入。") % {"missing": missing} if missing else ""


COMPETITION = Workflow.of(
    Competition.state,
    name=gettext_lazy("竞赛"),
    steps={
        # The organiser starts scoring once the items weigh 100% and the entrants are in.
        "start": Step(gettext_lazy("开始评分"), {_S.DRAFT: _S.SCORING}, Holds("edit"), guard=_ready_to_score),
        # The organiser publishes the ranking and the awards once every score is in.
        "close": Step(gettext_lazy("公布结果"), {_S.SCORING: _S.CLOSED}, Holds("edit"), guard=_all_scored),
    },
)
