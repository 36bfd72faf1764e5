"""The member portal: joining online, the membership card, requests for help, service places,
and everything of the worker's from every module on one phone page."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Export, Module, Nav, Periodic, Structure, Todo

from .actions import (
    cards_suspend_ended,
    portal_follow_dissolution,
    portal_follow_merge,
    requests_escalate_overdue,
)
from .home import portal_panels, portal_shortcuts
from .selectors import joins_to_approve_count, requests_overdue_count, requests_to_answer_count

AUDIT = {
    "portal.join.submit": ("网上入会申请", "Applied to join online"),
    "portal.join.approve": ("批准网上入会申请", "Online application approved"),
    "portal.join.send_back": ("退回网上入会申请", "Online application sent back"),
    "portal.join.resubmit": ("重新提交网上入会申请", "Online application resubmitted"),
    "portal.join.request_transfer": ("网上入会转为转会申请", "Online application became a transfer"),
    "portal.join.withdraw": ("撤回网上入会申请", "Online application withdrawn"),
    "portal.card.issue": ("发放会员服务卡", "Membership card issued"),
    "portal.card.reissue": ("重新签发会员服务卡", "Membership card re-issued"),
    "portal.card.scan": ("核验会员服务卡", "Membership card scanned"),
    "portal.card.suspend": ("停用会员服务卡", "Membership card suspended"),
    "portal.request.submit": ("提出诉求", "Request for help filed"),
    "portal.request.answer": ("答复职工诉求", "Request answered"),
    "portal.request.to_case": ("诉求转为维权案件", "Request became a rights case"),
    "portal.request.to_hardship": ("诉求转为帮扶申请", "Request became a hardship application"),
    "portal.request.escalate": ("诉求逾期上报上级工会", "Overdue request sent up"),
    "portal.request.rate": ("评价诉求办理结果", "Request rated and closed"),
    "portal.request.export": ("导出职工诉求", "Requests exported"),
    "portal.place.register": ("登记服务阵地", "Service place registered"),
    "portal.place.update": ("修改服务阵地", "Service place changed"),
    "portal.place.close": ("服务阵地停止开放", "Service place closed"),
    "portal.signin.code": ("发送登录验证码", "Sign-in code sent"),
    "portal.signin.verified": ("验证码登录", "Signed in with a code"),
    "portal.trade_route.set": ("设定新就业形态入会去向", "Trade route to a union set"),
    "portal.trade_route.remove": ("删除新就业形态入会去向", "Trade route to a union removed"),
    "portal.device.remember": ("记住登录设备", "Sign-in device remembered"),
    "portal.device.forget": ("移除登录设备", "Sign-in device forgotten"),
    "portal.follow_merge": ("会员服务记录随工会合并", "Portal records followed a merge"),
    "portal.follow_dissolve": ("会员服务记录随工会撤销转至上级", "Portal records went up on dissolution"),
}
DETAILS = {
    "route": ("受理方式", "Route"),
    "member_elsewhere": ("已是其他工会会员", "Already a member elsewhere"),
    "number": ("编号", "Number"),
    "place": ("核验地点", "Where scanned"),
    "anonymous": ("对用人单位匿名", "Anonymous to the employer"),
    "due_on": ("办理期限", "Due"),
    "days": ("答复期限（天）", "Days to answer"),
    "rating": ("满意度", "Rating"),
    "device": ("设备", "Device"),
    "occupation": ("职业", "Occupation"),
    "receiving": ("接收入会的工会", "Receiving union"),
}

MODULE = Module(
    name="portal",
    title=_("会员服务"),
    nav=(
        Nav(_("会员服务"), "portal:home", members=True, order=5),
        Nav(_("职工诉求"), "portal:requests", order=45, scope="within"),
        Nav(_("网上入会审批"), "portal:joins", order=46, perm="approve", scope="within"),
        Nav(_("服务阵地"), "portal:places_admin", order=47, scope="within"),
        Nav(_("新就业形态入会去向"), "portal:trade_routes", order=48, scope="within"),
    ),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure.by_id(
        merged=portal_follow_merge,
        dissolved=portal_follow_dissolution,
        why_unchanged="Applications, requests, places and cards hang on their union by id; a split "
        "or a move changes no union's id.",
    ),
    periodic=(
        Periodic("portal.requests_escalate", lambda: requests_escalate_overdue(), every=300),
        Periodic("portal.cards_suspend", cards_suspend_ended, every=600),
    ),
    todos=(
        Todo(
            "portal.joins", _("待审批网上入会申请"), count=joins_to_approve_count, url="/portal/joins/?todo=1"
        ),
        Todo(
            "portal.requests",
            _("待答复职工诉求"),
            count=requests_to_answer_count,
            url="/portal/requests/?todo=1",
        ),
        Todo(
            "portal.requests_overdue",
            _("逾期未答复职工诉求"),
            count=requests_overdue_count,
            url="/portal/requests/?overdue=1",
        ),
    ),
    mine=portal_panels,
    shortcuts=portal_shortcuts,
    exports=(Export("portal.requests", _("职工诉求"), ("xlsx", "csv")),),
)
