"""Job fairs (春风行动 and others)."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Export, Module, Nav, Structure, Todo

from .actions import jobfairs_follow_merge
from .home import jobfair_offers, my_jobfair_panels
from .selectors import employers_to_approve_count, positions_to_approve_count

AUDIT = {
    "jobfairs.fair.create": ("登记招聘会", "Job fair registered"),
    "jobfairs.fair.publish": ("发布招聘会报名", "Job fair opened"),
    "jobfairs.fair.close": ("结束招聘会", "Job fair closed"),
    "jobfairs.fair.cancel": ("取消招聘会", "Job fair cancelled"),
    "jobfairs.employer.register": ("登记参会单位", "Employer registered for a fair"),
    "jobfairs.employer.approve": ("参会单位审核通过", "Employer approved"),
    "jobfairs.employer.reject": ("参会单位未通过审核", "Employer rejected"),
    "jobfairs.employer.withdraw": ("撤回参会单位", "Employer withdrawn"),
    "jobfairs.position.post": ("发布招聘岗位", "Position posted"),
    "jobfairs.position.update": ("修改招聘岗位", "Position changed"),
    "jobfairs.employer.invite": ("开通招聘单位账号", "Employer login given"),
    "jobfairs.position.approve": ("岗位审核通过", "Position approved"),
    "jobfairs.position.reject": ("岗位未通过审核", "Position rejected"),
    "jobfairs.seeker.register": ("求职登记", "Job seeker registered"),
    "jobfairs.seeker.reveal": ("查看求职者完整信息", "Job seeker's details revealed"),
    "jobfairs.seeker.checkin": ("招聘会签到", "Job seeker checked in"),
    "jobfairs.interview.record": ("登记面试结果", "Interview recorded"),
    "jobfairs.import": ("导入参会单位和岗位", "Employers and positions imported"),
    "jobfairs.result.export": ("导出招聘会成果", "Job fair result exported"),
    "jobfairs.follow_merge": ("招聘会随工会合并", "Job fairs followed a merge"),
}
DETAILS = {
    "held_on": ("举办日期", "Held on"),
    "place": ("地点", "Place"),
    "main": ("主会场", "Main fair"),
    "credit_code": ("统一社会信用代码", "Credit code"),
    "fair": ("招聘会", "Job fair"),
    "linked": ("已关联单位名录", "Linked to the units register"),
    "employer": ("单位", "Employer"),
    "pay": ("月薪", "Pay"),
    "walk_in": ("现场代为登记", "Registered at the desk"),
    "fields": ("查看的字段", "Fields shown"),
    "outcome": ("结果", "Outcome"),
    "phone": ("手机号码", "Mobile number"),
    "file": ("文件", "File"),
    "employers": ("单位数", "Employers"),
    "positions": ("岗位数", "Positions"),
}

MODULE = Module(
    name="jobfairs",
    title=_("招聘会"),
    nav=(
        Nav(_("招聘会"), "jobfairs:list", order=66, scope="within"),
        Nav(_("招聘会求职"), "jobfairs:worker_home", members=True, order=66),
    ),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure.by_id(
        merged=jobfairs_follow_merge,
        why_unchanged="Fairs, employers and seekers hang on their union by id: a union that moves, or whose "
        "sub-unions leave with a split, keeps them; a dissolved union's past fairs stay as records.",
    ),
    todos=(
        Todo(
            "jobfairs.employers",
            _("待审核参会单位"),
            count=employers_to_approve_count,
            url="/jobfairs/todo/employers/",
        ),
        Todo(
            "jobfairs.positions",
            _("待审核招聘岗位"),
            count=positions_to_approve_count,
            url="/jobfairs/todo/positions/",
        ),
    ),
    mine=my_jobfair_panels,
    offers=jobfair_offers,
    exports=(Export("jobfairs.result", "招聘会成果与岗位", ("xlsx", "csv")),),
)
