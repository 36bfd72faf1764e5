"""Worker services and legal aid."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Module, Nav, Periodic, Structure, unchanged

from .housekeeping import bookings_due

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
}

MODULE = Module(
    name="services",
    title=_("职工服务"),
    urls="gonghui.services.urls",
    api="gonghui.services.api:router",
    nav=(
        Nav(_("职工服务"), "services:index", order=50),
        Nav(_("职工服务"), "services:me", members=True, order=50),
    ),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure(merged=unchanged, split=unchanged, relocated=unchanged, dissolved=unchanged),
    walk="gonghui.services.tests.factories:WALK",
    periodic=(Periodic("services.bookings_due", bookings_due),),
)
