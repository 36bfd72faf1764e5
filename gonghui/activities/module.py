"""Campaigns and activities: 送温暖 / 送清凉 / 金秋助学 / 学雷锋月 campaigns opened for a subtree with
goals and benefits workers claim as vouchers (防暑降温慰问品券), the activities unions attach to them, sign-up with a waiting list, check-in by QR code,
results and goods handed out, partner organisations and volunteers."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Export, Module, Nav, Structure, Todo

from .actions import activities_follow_merge
from .home import activities_home_panels, activities_offers, activities_shortcuts
from .importing import JOB_KIND as IMPORT_KIND
from .importing import run_import_job
from .selectors import results_due_count

AUDIT = {
    "activities.partner.create": ("登记合作伙伴", "Partner registered"),
    "activities.group.create": ("建立活动对象群体", "Group created"),
    "activities.group.add": ("加入群体名单", "Added to a group"),
    "activities.group.remove": ("移出群体名单", "Removed from a group"),
    "activities.group.fill": ("成批加入群体名单", "Group filled from the register"),
    "activities.group.import": ("导入群体名单", "Group list imported"),
    "activities.campaign.open": ("发起专项活动", "Campaign opened"),
    "activities.campaign.split": ("分解专项活动目标", "Campaign goals split among unions"),
    "activities.campaign.close": ("结束专项活动", "Campaign closed"),
    "activities.campaign.reopen": ("重新开启专项活动", "Campaign reopened"),
    "activities.benefit.set": ("设置专项活动领取福利", "Campaign benefit set"),
    "activities.voucher.claim": ("领取福利券", "Benefit voucher claimed"),
    "activities.voucher.redeem": ("核销福利券", "Benefit voucher redeemed"),
    "activities.activity.create": ("新建活动", "Activity created"),
    "activities.activity.finish": ("登记活动结果", "Activity result recorded"),
    "activities.activity.amend": ("修改活动结果", "Activity result corrected"),
    "activities.activity.cancel": ("取消活动", "Activity cancelled"),
    "activities.activity.import": ("导入活动", "Activities imported"),
    "activities.activity.edit": ("修改已发布的活动", "Published activity changed"),
    "activities.signup.create": ("报名参加活动", "Signed up for an activity"),
    "activities.signup.add": ("代会员报名", "Member signed up by an officer"),
    "activities.signup.cancel": ("取消活动报名", "Sign-up cancelled"),
    "activities.signup.promote": ("候补转正", "Moved up from the waiting list"),
    "activities.signup.checkin": ("活动签到", "Checked in"),
    "activities.signup.walkin": ("现场加入并签到", "Walked in and checked in"),
    "activities.handout.record": ("登记物资发放", "Goods handed out"),
    "activities.volunteer.register": ("登记志愿者", "Volunteer registered"),
    "activities.volunteer.join": ("本人登记为志愿者", "Registered as a volunteer"),
    "activities.hours.record": ("登记志愿服务时长", "Volunteer hours recorded"),
    "activities.export": ("导出活动数据", "Activity data exported"),
    "activities.follow_merge": ("活动随工会合并", "Activities followed a merge"),
}
DETAILS = {
    "period": ("期间", "Period"),
    "campaign": ("专项活动", "Campaign"),
    "capacity": ("名额", "Places"),
    "partners": ("合作单位", "Partners"),
    "people": ("服务人次", "People served"),
    "goods_value": ("物资价值（元）", "Goods value (yuan)"),
    "fund": ("资金来源", "Fund"),
    "seq": ("报名序号", "Number in line"),
    "item": ("物品", "Item"),
    "hours": ("服务时长（小时）", "Hours"),
    "group": ("群体", "Group"),
    "unions": ("工会数", "Unions"),
    "member": ("会员", "Member"),
    "told": ("通知人数", "People notified"),
    "via": ("来源", "Taken from"),
    "added": ("加入人数", "Added"),
    "per_worker": ("每人限领", "Per worker"),
    "voucher": ("福利券序号", "Voucher number"),
}

MODULE = Module(
    name="activities",
    title=_("活动与志愿服务"),
    nav=(
        Nav(_("活动"), "activities:list", order=63, scope="within"),
        Nav(_("活动报名"), "activities:open", members=True, order=63),
    ),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure.by_id(
        merged=activities_follow_merge,
        why_unchanged="Campaigns (with their benefits and vouchers), activities, partners and volunteers hang on their union by id: a union "
        "that moves, or whose sub-unions leave with a split, keeps them (the sub-unions keep their own); a "
        "dissolved union's past activities stay as they were held.",
    ),
    todos=(
        Todo(
            "activities.results_due",
            _("待登记结果的活动"),
            count=results_due_count,
            url="/activities/?todo=1",
        ),
    ),
    jobs={IMPORT_KIND: run_import_job},
    mine=activities_home_panels,
    offers=activities_offers,
    shortcuts=activities_shortcuts,
    exports=(
        Export(
            "activities.list",
            "活动台账",
            ("xlsx", "csv"),
            sample="gonghui.activities.tests.exports:activity_list",
        ),
        Export("activities.roster", "活动报名签到表", ("xlsx", "csv")),
        Export("activities.import_template", "活动台账导入模板"),
        Export("activities.volunteers", "志愿者服务时长", ("xlsx", "csv")),
    ),
)
