"""Hardship assistance: household files, applications with approval routing, special funds,
batch relief."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Export, Module, Nav, Periodic, Structure, Todo, unchanged

from .actions.batches import JOB_KIND as BATCH_JOB
from .actions.batches import batch_approve_job
from .actions.structure import (
    assistance_follow_dissolution,
    assistance_follow_merge,
    assistance_follow_relocation,
)
from .home import assistance_home_panels, assistance_shortcuts
from .housekeeping import applications_due
from .selectors import applications_to_decide_count, applications_to_pay_count, households_due_count

AUDIT = {
    "assistance.household.create": ("建立困难职工档案", "Hardship file opened"),
    "assistance.household.update": ("修改困难职工档案", "Hardship file changed"),
    "assistance.household.on_file": (
        "建档时发现此人已有困难职工档案（未建档）",
        "Filing refused: someone is already on another file",
    ),
    "assistance.household.review": ("审核困难职工档案", "Hardship file reviewed"),
    "assistance.household.verify": ("困难职工档案年度复核", "Hardship file re-verified"),
    "assistance.household.exit": ("办理脱困", "Household out of hardship"),
    "assistance.household.merge": ("合并困难职工档案", "Hardship files merged"),
    "assistance.household.merged_into": ("档案并入其他档案", "File merged into another"),
    "assistance.attachment.add": ("上传档案附件", "Attachment added"),
    "assistance.application.submit": ("提交帮扶申请", "Application submitted"),
    "assistance.application.approve": ("批准帮扶申请（进入公示）", "Application approved (public notice)"),
    "assistance.application.approve_now": ("批准帮扶申请", "Application approved"),
    "assistance.application.publicity_end": ("帮扶申请公示期满", "Public notice ended"),
    "assistance.application.reject": ("不予批准帮扶申请", "Application refused"),
    "assistance.application.escalate": ("帮扶申请逾期上报", "Application escalated (overdue)"),
    "assistance.application.reroute": (
        "帮扶申请改由新的审批工会审批",
        "Application sent to its new approver",
    ),
    "assistance.application.withdraw": ("撤回帮扶申请", "Application withdrawn"),
    "assistance.application.pay": ("登记帮扶发放", "Payment recorded"),
    "assistance.fund.deposit": ("帮扶专项资金入账", "Fund deposit"),
    "assistance.fund.allocate": ("下拨帮扶专项资金", "Fund allocated down"),
    "assistance.fund.allocated": ("收到上级下拨帮扶资金", "Allocation received"),
    "assistance.batch.create": ("新建批量救助", "Batch relief created"),
    "assistance.batch.approve": ("批准批量救助", "Batch relief approved"),
    "assistance.batch.disburse": ("批量救助拨付", "Batch relief disbursed"),
    "assistance.batch.revert": ("批量救助退回草稿", "Batch relief back to draft"),
    "assistance.batch.close": ("批量救助办结", "Batch relief closed"),
    "assistance.batch.payment_file": ("生成银行代发文件", "Bank payment file made"),
    "assistance.batch.bank_return": ("导入银行回盘文件", "Bank return file read"),
    "assistance.line.set": ("设置低保标准", "Subsistence line set"),
    "assistance.rule.set": ("设置帮扶审批权限", "Approval rule set"),
    "assistance.rule.delete": ("删除帮扶审批权限", "Approval rule removed"),
    "assistance.report.export": ("导出帮扶统计", "Assistance report exported"),
    "assistance.follow_merge": ("困难帮扶档案与资金随工会合并", "Assistance records followed a merge"),
}
DETAILS = {
    "tier": ("困难类别", "Tier"),
    "size": ("家庭人口", "Household size"),
    "member_linked": ("关联会员", "Linked to a member"),
    "per_capita": ("月人均收入", "Monthly income per head"),
    "approver": ("审批工会", "Approving union"),
    "by_member": ("职工本人申请", "Applied by the worker"),
    "publicity_until": ("公示截止", "Public notice until"),
    "from_org": ("原审批工会", "From"),
    "to_org": ("上报至", "Escalated to"),
    "days": ("逾期天数", "Days overdue"),
    "paid_on": ("发放日期", "Paid on"),
    "households": ("户数", "Households"),
    "outside_scope": ("其中不在管辖范围内", "Of which outside the actor's scope"),
    "total": ("合计金额", "Total"),
    "no_account": ("缺银行卡号户数", "Without bank account"),
    "dropped": ("剔除户数", "Dropped"),
    "error": ("原因", "Reason"),
    "refund": ("退回金额", "Refunded"),
    "paid": ("发放成功", "Paid"),
    "failed": ("发放失败", "Failed"),
    "merged": ("并入档案", "Files merged in"),
    "family_moved": ("转入家庭成员", "Family members moved"),
    "into": ("并入", "Into"),
    "fields": ("查看项目", "Fields"),
    "limit": ("审批限额", "Limit"),
    "escalate_days": ("逾期上报天数", "Escalation days"),
    "publicity_days": ("公示天数", "Public notice days"),
    "quarter": ("季度", "Quarter"),
    "monthly": ("低保标准", "Monthly line"),
    "division": ("行政区划", "Division"),
    "level": ("审批层级", "Level"),
    "to": ("下拨至", "To"),
    "from": ("来源", "From"),
    "applications": ("帮扶申请", "Applications"),
    "approving": ("转由本会审批或发放的申请", "Applications now decided or paid here"),
    "batches": ("批量救助批次", "Relief batches"),
    "payments": ("发放记录", "Payments"),
    "funds": ("并入的专项资金账户", "Funds folded in"),
    "rerouted": ("改由新的审批工会审批的申请", "Applications sent to a new approver"),
}

MODULE = Module(
    name="assistance",
    title=_("困难帮扶"),
    nav=(
        Nav(_("困难帮扶"), "assistance:households", order=40, scope="within"),
        Nav(_("我的帮扶"), "assistance:me", members=True, order=40),
    ),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure(
        merged=assistance_follow_merge,  # everything the source held goes to the survivor (see its docstring)
        split=unchanged,
        relocated=assistance_follow_relocation,  # waiting applications go to the union that approves now
        dissolved=assistance_follow_dissolution,  # applications waiting at it go to the next approver
        why_unchanged="A split moves sub-unions, which keep their ids and their files, applications, "
        "funds and batches; what a move changes (who approves a waiting application) is `relocated`'s.",
    ),
    exports=(
        # The bank's payment file is itself the audited reveal of the accounts it pays.
        Export(
            "assistance.payment_file",
            "银行代发明细",
            ("xlsx", "csv"),
            reveals=("bank_account",),
        ),
        Export("assistance.report", "困难职工帮扶统计"),
    ),
    periodic=(Periodic("assistance.applications_due", applications_due),),
    mine=assistance_home_panels,
    shortcuts=assistance_shortcuts,
    todos=(
        Todo(
            "assistance.to_decide",
            _("待审批帮扶申请"),
            count=applications_to_decide_count,
            url="/assistance/applications/?todo=1&state=submitted",
        ),
        Todo(
            "assistance.to_pay",
            _("待发放帮扶申请"),
            count=applications_to_pay_count,
            url="/assistance/applications/?todo=pay",
        ),
        Todo(
            "assistance.to_verify",
            _("待复核困难职工档案"),
            count=households_due_count,
            url="/assistance/?search=due",
        ),
    ),
    jobs={BATCH_JOB: batch_approve_job},
)
