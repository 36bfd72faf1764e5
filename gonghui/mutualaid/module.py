"""Mutual medical aid (职工医疗互助保障): plans, quotas down the tree, group enrolment,
contributions, claims and payouts."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Export, Module, Nav, Structure, Todo

from .actions import mutualaid_follow_merge
from .home import mutualaid_home_panels
from .selectors import claims_to_decide_count, mutualaid_figures, quotas_behind_count

AUDIT = {
    "mutualaid.plan.create": ("新建互助保障计划", "Mutual aid plan created"),
    "mutualaid.quota.set": ("下达互助保障任务", "Mutual aid quota set"),
    "mutualaid.enrolment.create": ("新建团体参保", "Group enrolment started"),
    "mutualaid.enrolment.units": ("集中办理团体参保", "Many units enrolled at once"),
    "mutualaid.enrolment.add": ("添加参保人员", "People added to an enrolment"),
    "mutualaid.enrolment.remove": ("移除参保人员", "Person removed from an enrolment"),
    "mutualaid.enrolment.submit": ("提交团体参保", "Group enrolment handed in"),
    "mutualaid.enrolment.reopen": ("团体参保退回修改", "Group enrolment reopened"),
    "mutualaid.enrolment.cover": ("团体参保生效", "Group enrolment in force"),
    "mutualaid.enrolment.cancel": ("撤销团体参保", "Group enrolment cancelled"),
    "mutualaid.contribution.record": ("登记互助金缴费", "Contribution recorded"),
    "mutualaid.claim.submit": ("提交互助金申领", "Claim filed"),
    "mutualaid.claim.attach": ("上传申领材料", "Claim material attached"),
    "mutualaid.claim.approve": ("核准互助金给付", "Claim approved"),
    "mutualaid.claim.reject": ("不予给付互助金", "Claim refused"),
    "mutualaid.claim.pay": ("登记互助金给付", "Claim paid"),
    "mutualaid.claim.withdraw": ("撤回互助金申领", "Claim withdrawn"),
    "mutualaid.payout.file": ("生成互助金代发文件", "Payout bank file made"),
    "mutualaid.payout.return": ("导入互助金回盘文件", "Payout return file read"),
    "mutualaid.collection.file": ("生成互助金代收文件", "Contribution collection bank file made"),
    "mutualaid.collection.return": ("导入互助金代收回盘", "Collection return file read"),
    "mutualaid.report.export": ("导出互助保障统计", "Mutual aid report exported"),
    "mutualaid.follow_merge": ("互助保障随工会合并", "Mutual aid records followed a merge"),
}
DETAILS = {
    "skipped": ("未能参保人数", "Left out"),
    "refused": ("未达参保条件的单位数", "Units that did not qualify"),
    "in_service": ("在职职工数", "In-service workers"),
    "paid_on": ("日期", "Date"),
    "method": ("缴费方式", "Method"),
    "by_member": ("会员本人申领", "Filed by the member"),
    "enrolments": ("团体参保", "Enrolments"),
    "claims": ("申领", "Claims"),
    "approving": ("转由本会审核的申领", "Claims now decided here"),
    "quotas": ("任务", "Quotas"),
    "total": ("合计金额", "Total"),
    "fields": ("查看项目", "Fields"),
    "paid": ("给付成功", "Paid"),
    "failed": ("给付失败", "Failed"),
}

MODULE = Module(
    name="mutualaid",
    title=_("医疗互助"),
    nav=(
        Nav(_("医疗互助"), "mutualaid:home", order=45),
        Nav(_("我的互助保障"), "mutualaid:me", members=True, order=45),
    ),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure.by_id(
        merged=mutualaid_follow_merge,
        why_unchanged="Enrolments and claims hang on their grassroots union by id, which keeps it through "
        "a split or a move; a claim already routed keeps its reviewer, who can still see it.",
    ),
    figures=mutualaid_figures,
    mine=mutualaid_home_panels,
    exports=(
        # The bank's payment file is itself the audited reveal of the unions' accounts it pays.
        Export(
            "mutualaid.payout_file",
            "互助金代发明细",
            ("xlsx",),
            reveals=("bank_account",),
        ),
        Export(
            "mutualaid.collection_file",
            "互助金代收明细",
            ("xlsx",),
            reveals=("bank_account",),
        ),
        Export("mutualaid.report", "医疗互助保障统计", ("xlsx", "csv")),
    ),
    todos=(
        Todo(
            "mutualaid.to_decide",
            _("待审核互助金申领"),
            count=claims_to_decide_count,
            url="/mutualaid/claims/?todo=1",
        ),
        Todo(
            "mutualaid.behind", _("互助保障任务未完成"), count=quotas_behind_count, url="/mutualaid/quotas/"
        ),
    ),
)
