"""The member register."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Export, Module, Nav, Periodic, Structure, Todo

from .actions import members_follow_dissolution, members_follow_merge, members_refuse_dissolution
from .home import member_home_panels, member_shortcuts
from .jobs import AUTOAPPROVE_KIND, IMPORT_KIND, autoapprove_job, import_job, transfers_due
from .selectors import joins_to_decide_count, transfers_to_answer_count

AUDIT = {
    "member.apply": ("登记入会", "Membership applied for"),
    "member.approve": ("批准入会", "Membership approved"),
    "member.reject": ("不予批准入会", "Membership refused"),
    "member.retain": ("保留会籍", "Membership retained"),
    "member.restore": ("恢复正常会籍", "Membership restored"),
    "member.leave": ("办理退会", "Member left"),
    "member.update": ("修改会员信息", "Member details changed"),
    "member.link_user": ("关联会员账号", "Member account linked"),
    "member.transfer": ("会员转会", "Member transferred"),
    "member.merge_move": ("会员随工会合并", "Members followed a merge"),
    "member.follow_dissolve": (
        "工会撤销：结束入会申请和转入申请",
        "Union dissolved: applications and transfers in closed",
    ),
    "member.import": ("导入会员名册", "Member ledger imported"),
    "member.export": ("导出会员名册", "Member list exported"),
    "transfer.request": ("申请转会", "Transfer requested"),
    "transfer.approve_out": ("转出工会同意转会", "Transfer agreed by the sending union"),
    "transfer.approve_in": ("转入工会同意转会", "Transfer agreed by the receiving union"),
    "transfer.reject_out": ("转出工会拒绝转会", "Transfer refused by the sending union"),
    "transfer.reject_in": ("转入工会拒绝转会", "Transfer refused by the receiving union"),
    # Written before each side's refusal was its own step; older rows keep their name.
    "transfer.reject": ("拒绝转会", "Transfer refused"),
    "transfer.close": ("转会申请无法办结，已关闭", "Transfer closed (could not complete)"),
    "transfer.cancel": ("撤回转会申请", "Transfer withdrawn"),
    "transfer.auto_approve": ("转会逾期视为同意", "Transfer agreed by default (unanswered)"),
}
DETAILS = {
    "name": ("姓名", "Name"),
    "user": ("账号", "Account"),
    "revealed": ("含完整证件号码", "Unmasked"),
    "bad_rows": ("错误行数", "Rows refused"),
    "good_rows_only": ("只导入正确的行", "Good rows only"),
    "imported": ("导入人数", "Imported"),
    "job": ("任务", "Job"),
    "from": ("转出工会", "From"),
    "to": ("转入工会", "To"),
    "to_org": ("转入工会", "To union"),
    "transfer": ("转会申请", "Transfer"),
    "member": ("会员", "Member"),
    "side": ("办理方", "Side"),
    "days": ("期限（日）", "Days"),
    "unanswered": ("未答复方", "Unanswered"),
    "moved": ("转移人数", "Members moved"),
    "fields": ("查看项目", "Fields"),
    "refused": ("不予批准的入会申请", "Applications refused"),
    "closed": ("关闭的转入申请", "Transfers in closed"),
}

MODULE = Module(
    name="members",
    title=_("会员"),
    nav=(
        Nav(_("会员"), "members:list", order=20, scope="within"),
        Nav(_("我的会籍"), "members:me", members=True, order=20),
    ),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure.by_id(
        # The merged union's members (and open transfers) go to the survivor.
        merged=members_follow_merge,
        # Refused while members remain; applications and transfers into it are closed.
        dissolved=members_follow_dissolution,
        refuses_dissolution=members_refuse_dissolution,
        why_unchanged=(
            "A member hangs on a grassroots union by id: a split or a move carries the sub-unions, "
            "their members with them, and the tallies follow the relocation (units)."
        ),
    ),
    exports=(
        Export(
            "members.list", "会员名册", ("xlsx", "csv"), sample="gonghui.members.tests.exports:member_list"
        ),
        Export(
            "members.template", "会员花名册导入模板", sample="gonghui.members.tests.exports:import_template"
        ),
    ),
    periodic=(Periodic("members.transfers_due", transfers_due),),
    jobs={IMPORT_KIND: import_job, AUTOAPPROVE_KIND: autoapprove_job},
    mine=member_home_panels,
    shortcuts=member_shortcuts,
    todos=(
        Todo(
            "members.joins_to_decide",
            _("待审批入会申请"),
            count=joins_to_decide_count,
            url="/members/?todo=1",
        ),
        Todo(
            "members.transfers_to_answer",
            _("待办转会申请"),
            count=transfers_to_answer_count,
            url="/members/transfers/?todo=1",
        ),
    ),
)
