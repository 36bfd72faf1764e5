"""Model workers and awards: selection rounds with quotas, nominations reviewed up the tree,
公示 with objections, the honour register, care for model workers, innovation studios."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Export, Module, Nav, Structure, Todo

from .actions import honours_follow_merge
from .home import honours_home_panels
from .selectors import (
    honours_figures,
    honours_todo_rounds,
    nominations_to_review_count,
    objections_to_answer_count,
)

AUDIT = {
    "honours.kind.create": ("设立荣誉种类", "Honour kind added"),
    "honours.round.open": ("开展评选", "Selection round opened"),
    "honours.round.publish": ("发布评选公示", "Selection list published for public notice"),
    "honours.round.confer": ("确认表彰", "Honours conferred"),
    "honours.round.cancel": ("取消评选", "Selection round cancelled"),
    "honours.quota.set": ("分配推荐名额", "Places allotted"),
    "honours.nomination.create": ("登记推荐对象", "Nomination recorded"),
    "honours.nomination.update": ("修改推荐对象", "Nomination changed"),
    "honours.nomination.attach": ("上传推荐材料", "Nomination material uploaded"),
    "honours.nomination.submit": ("报送推荐", "Nomination submitted"),
    "honours.nomination.recommend": ("审核通过并上报", "Nomination passed up"),
    "honours.nomination.select": ("确定拟表彰对象", "Nomination selected"),
    "honours.nomination.send_back": ("退回推荐", "Nomination sent back"),
    "honours.nomination.reject": ("不予推荐", "Nomination rejected"),
    "honours.nomination.withdraw": ("撤回推荐", "Nomination withdrawn"),
    "honours.nomination.publish": ("列入公示", "Nomination published for public notice"),
    "honours.nomination.revoke": ("异议成立撤销推荐", "Nomination revoked after an objection"),
    "honours.nomination.confer": ("授予荣誉", "Honour conferred"),
    "honours.objection.record": ("登记公示异议", "Objection recorded"),
    "honours.objection.submit": ("公示页面提出异议", "Objection raised on the public notice page"),
    "honours.objection.answer": ("答复公示异议", "Objection answered"),
    "honours.objection.reveal": ("查看异议人完整联系方式", "Objector's contact shown in full"),
    "honours.honour.record": ("登记荣誉", "Honour recorded"),
    "honours.care.record": ("登记劳模待遇", "Care for a model worker recorded"),
    "honours.studio.create": ("登记创新工作室", "Innovation studio recorded"),
    "honours.studio.year": ("登记工作室年度成果", "Studio results recorded"),
    "honours.round.export": ("导出推荐对象汇总表", "Nominations of a round exported"),
    "honours.register.export": ("导出劳模档案", "Honour register exported"),
    "honours.follow_merge": ("劳模与荣誉随工会合并", "Honours followed a merge"),
}
DETAILS = {
    "places": ("名额", "Places"),
    "until": ("截止日期", "Until"),
    "round": ("评选", "Round"),
    "unit": ("工作单位", "Unit"),
    "doc_no": ("表彰文号", "Document number"),
    "outcome": ("答复结论", "Outcome"),
    "level": ("级别", "Level"),
    "patents": ("专利", "Patents"),
    "savings": ("创造效益（元）", "Savings (yuan)"),
    "trained": ("培训人数", "People trained"),
    "within": ("范围", "Within"),
    "size": ("文件大小", "File size"),
}

MODULE = Module(
    name="honours",
    title=_("劳模与荣誉"),
    nav=(Nav(_("劳模与荣誉"), "honours:rounds", order=62),),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure.by_id(
        merged=honours_follow_merge,
        why_unchanged="Rounds, nominations, honours and studios hang on their union by id: a union that "
        "moves, or whose sub-unions leave with a split, keeps them, and the sub-unions keep their own; a "
        "dissolved union's honours stay in the register as they were conferred.",
    ),
    figures=honours_figures,
    mine=honours_home_panels,
    exports=(
        Export("honours.register", "劳模档案", ("xlsx", "csv")),
        Export("honours.nominations", "推荐对象汇总表", ("xlsx", "csv")),
    ),
    todos=(
        Todo(
            "honours.to_review",
            _("待审核的评选推荐"),
            count=nominations_to_review_count,
            url="/honours/review/",
        ),
        Todo(
            "honours.objections",
            _("待答复的公示异议"),
            count=objections_to_answer_count,
            url="/honours/review/",
        ),
        Todo("honours.to_confer", _("公示期满待表彰的评选"), count=honours_todo_rounds, url="/honours/"),
    ),
)
