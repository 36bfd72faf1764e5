"""Targets: indicators with owners, monthly reports, early warning, the monthly circular."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Export, Module, Nav, Periodic, Structure, Todo, unchanged

from .actions import targets_compute_due, targets_follow_merge
from .selectors import flagged_count, to_report_count

AUDIT = {
    "targets.indicator.create": ("新增考核指标", "Indicator added"),
    "targets.target.set": ("下达年度目标", "Target set"),
    "targets.target.cascade": ("分解目标到下级工会", "Target split among the unions below"),
    "targets.target.warn": ("目标预警", "Target warning"),
    "targets.report.submit": ("报送月度完成情况", "Monthly value reported"),
    "targets.report.evidence": ("上传佐证材料", "Evidence attached"),
    "targets.report.correct": ("更正月度完成情况", "Monthly value corrected"),
    "targets.target.publish": ("公开目标进度", "Target progress published"),
    "targets.target.unpublish": ("取消公开目标进度", "Target progress unpublished"),
    "targets.publication.open": ("开启进度公开页", "Public progress page opened"),
    "targets.publication.close": ("关闭进度公开页", "Public progress page closed"),
    "targets.competition.create": ("登记竞赛", "Competition registered"),
    "targets.competition.item": ("设置竞赛评分项目", "Scoring item added"),
    "targets.competition.entrant": ("登记参赛选手（队）", "Entrant registered"),
    "targets.competition.score": ("录入竞赛得分", "Scores recorded"),
    "targets.competition.start": ("竞赛开始评分", "Competition scoring started"),
    "targets.competition.close": ("公布竞赛结果", "Competition results published"),
    "targets.competition.honour": ("竞赛获奖者记入荣誉档案", "Competition winners recorded as honours"),
    "targets.competition.export": ("导出竞赛成绩表", "Competition results exported"),
    "targets.compute": ("计算系统指标", "Computed indicators filled"),
    "targets.circular.export": ("导出月度通报", "Monthly circular exported"),
    "targets.progress.export": ("导出年度目标进度表", "Yearly targets progress table exported"),
    "targets.circular.send": ("月度通报报送简报", "Monthly circular sent to a bulletin"),
    "targets.follow_merge": ("指标与目标随工会合并", "Indicators and targets followed a merge"),
}
DETAILS = {
    "unit": ("计量单位", "Unit"),
    "value": ("目标值", "Target value"),
    "owner": ("看管人", "Owner"),
    "unions": ("工会数", "Unions"),
    "total": ("合计", "Total"),
    "month": ("月份", "Month"),
    "late": ("逾期", "Late"),
    "level": ("预警等级", "Level"),
    "told": ("已通知", "Told"),
    "indicators": ("指标数", "Indicators"),
    "kept": ("保留在原工会的目标", "Targets kept by the merged union"),
    "within": ("范围", "Within"),
    "bulletin": ("刊物", "Bulletin"),
    "competitions": ("竞赛数", "Competitions"),
    "warnings": ("预警数", "Warnings"),
    "weight": ("权重", "Weight"),
    "elected": ("获奖", "Winners"),
}

MODULE = Module(
    name="targets",
    title=_("目标管理"),
    nav=(
        Nav(_("目标管理"), "targets:board", order=62),
        Nav(_("劳动和技能竞赛"), "targets:competitions", order=63),
    ),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure.by_id(
        merged=targets_follow_merge,
        # A dissolved union's targets stay as the record of its year.
        dissolved=unchanged,
        why_unchanged="Indicators and targets hang on their union by id: a union that moves, or whose "
        "sub-unions leave with a split, keeps them, and the sub-unions keep their own.",
    ),
    periodic=(Periodic("targets.compute_due", targets_compute_due, every=3600),),
    exports=(
        Export("targets.circular", "月度通报"),
        Export("targets.progress", "年度目标进度表", ("xlsx", "csv")),
        Export("targets.competition", "竞赛成绩表", ("xlsx", "csv")),
    ),
    todos=(
        Todo(
            "targets.to_report", _("待报送的目标完成情况"), count=to_report_count, url="/targets/?todo=report"
        ),
        Todo("targets.flagged", _("亮黄灯、红灯的目标"), count=flagged_count, url="/targets/?todo=flagged"),
    ),
)
