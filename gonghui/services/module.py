"""Worker services and legal aid."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Export, Module, Nav, Periodic, Structure, Todo

from .actions import services_follow_dissolve, services_follow_merge
from .home import services_home_panels
from .housekeeping import bookings_due
from .selectors import open_cases_count, sessions_today_count, threads_awaiting_reply_count

AUDIT = {
    "centre.create": ("设立服务中心", "Service centre set up"),
    "centre.supervisor": ("指定服务中心督导", "Centre supervisor appointed"),
    "room.create": ("添加功能室", "Room added"),
    "service.create": ("添加服务项目", "Service added"),
    "provider.create": ("添加咨询师/律师", "Counsellor or lawyer added"),
    "provider.units": ("律师挂钩企业", "Lawyer linked to enterprises"),
    "schedule.add": ("添加排班", "Weekly hours added"),
    "schedule.end": ("停止排班", "Weekly hours ended"),
    "schedule.exception": ("加开或停诊", "Hours changed for a day"),
    "holiday.add": ("登记闭馆日", "Closing day added"),
    "booking.create": ("预约咨询", "Session booked"),
    "booking.cancel": ("取消预约", "Booking cancelled"),
    "booking.attend": ("登记到访", "Attendance recorded"),
    "booking.no_show": ("登记爽约", "No-show recorded"),
    "booking.feedback": ("咨询评价", "Session rated"),
    "booking.remind": ("发送预约提醒", "Reminder sent"),
    "consultation.start": ("发起在线咨询", "Online consultation started"),
    "consultation.post": ("在线咨询留言", "Consultation message"),
    "consultation.close": ("结束在线咨询", "Online consultation closed"),
    "consultation.supervisor_read": ("督导查阅在线咨询", "Consultation read by the supervisor"),
    "article.create": ("撰写知识文章", "Article written"),
    "article.update": ("修改知识文章", "Article changed"),
    "case.create": ("受理维权案件", "Rights case opened"),
    "case.mediate": ("案件转入调解", "Case to mediation"),
    "case.arbitrate": ("案件申请仲裁", "Case to arbitration"),
    "case.litigate": ("案件提起诉讼", "Case to court"),
    "case.close": ("维权案件结案", "Rights case closed"),
    "case.stats_export": ("导出维权案件统计", "Case statistics exported"),
    "services.follow_merge": ("服务中心和维权案件随工会合并", "Centres and cases followed a merge"),
    "services.follow_dissolve": ("工会撤销，服务中心停止服务", "Centres closed with their union"),
}
DETAILS = {
    "hours": ("时段", "Hours"),
    "room": ("功能室", "Room"),
    "provider": ("咨询师/律师", "Counsellor or lawyer"),
    "starts_at": ("预约时间", "Starts at"),
    "service": ("服务项目", "Service"),
    "channel": ("预约方式", "Channel"),
    "rating": ("满意度", "Rating"),
    "published": ("已发布", "Published"),
    "category": ("类别", "Category"),
    "parties": ("涉及职工人数", "Workers involved"),
    "lawyer": ("承办律师", "Lawyer"),
    "amount": ("挽回经济损失", "Amount recovered"),
    "units": ("挂钩企业", "Enterprises"),
    "kind_": ("类型", "Kind"),
    "outcome": ("结果", "Outcome"),
    "within": ("范围", "Within"),
    "from": ("发言方", "From"),
    "valid_from": ("起始日期", "Valid from"),
    "centres": ("服务中心", "Centres"),
    "cases": ("维权案件", "Cases"),
    "bookings": ("取消的预约", "Bookings cancelled"),
    "renamed": ("更名的服务中心", "Centres renamed"),
    "renumbered": ("重新编号的案件", "Cases renumbered"),
}

MODULE = Module(
    name="services",
    title=_("职工服务"),
    nav=(
        Nav(_("职工服务"), "services:index", order=50),
        Nav(_("职工服务"), "services:me", members=True, order=50),
    ),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure.by_id(
        merged=services_follow_merge,  # centres (with all that hangs on them) and cases go to the survivor
        dissolved=services_follow_dissolve,  # its centres stop; sessions not yet begun are cancelled
        why_unchanged=(
            "分立和调整隶属关系时，服务中心和维权案件仍挂在原工会上（工会编号不变）；中心为其主办工会"
            "下辖的会员服务，下辖范围随之变化，已有的预约照常有效。"
        ),
    ),
    exports=(Export("services.case_stats", "维权案件统计"),),
    periodic=(Periodic("services.bookings_due", bookings_due),),
    mine=services_home_panels,
    todos=(
        Todo(
            "services.sessions_today",
            _("今日预约"),
            count=sessions_today_count,
            url="/services/bookings/?span=day",
        ),
        Todo(
            "services.threads_waiting",
            _("待回复在线咨询"),
            count=threads_awaiting_reply_count,
            url="/services/threads/",
        ),
        Todo("services.open_cases", _("在办维权案件"), count=open_cases_count, url="/services/cases/?todo=1"),
    ),
)
