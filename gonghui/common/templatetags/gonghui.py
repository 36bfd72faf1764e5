from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

FIELD_LABELS = {
    "name": "名称", "short_name": "简称", "kind": "类型", "division": "行政区划", "credit_code": "统一社会信用代码",
    "legal_person": "法人资格", "legal_cert_no": "法人资格证书编号", "legal_cert_date": "发证日期",
    "bank_name": "开户银行", "bank_account": "银行账号", "address": "地址", "founded_on": "成立日期",
    "reason": "原因", "target": "并入", "from": "原上级", "to": "新上级", "nodes": "涉及组织数",
    "children": "下级组织", "new_org": "新组织", "field": "字段", "failures": "失败次数", "kind_": "类型",
    "title": "任务", "children_moved": "转移下级组织数", "locked_until": "锁定至", "user": "用户",
    "employees": "职工人数", "women": "女职工人数", "migrants": "农民工人数", "industry": "行业",
    "unit_type": "单位类别", "registered_org": "登记工会", "covering_org": "所属工会", "on": "生效日期",
    "file": "文件", "created": "导入数量", "rows": "行数", "format": "格式", "threshold": "应建会标准",
    "units": "单位", "contracts": "集体合同", "signed_on": "签订日期", "expires_on": "期满日期",
    "workers_covered": "覆盖职工数", "within": "范围", "has_union": "已建会", "status": "状态",
    "hours": "时段", "room": "功能室", "provider": "咨询师/律师", "starts_at": "预约时间", "service": "服务项目",
    "channel": "预约方式", "rating": "满意度", "published": "已发布", "category": "类别", "parties": "涉及职工人数",
    "lawyer": "承办律师", "amount": "挽回经济损失", "year": "年度",
    "held_on": "会议日期", "place": "会议地点", "source": "简报原文", "starts_on": "本届起始日期", "ends_on": "本届届满日期",
    "seats_planned": "委员名额", "previous_closed": "上届届满离任人数", "people": "人员", "note": "说明",
    "committee": "委员会", "quorum": "法定人数", "majority": "过半数基数", "expected": "应到", "present": "实到",
    "absent": "缺席", "guests": "列席人数", "speaker": "报告人", "outcome": "结果", "size": "文件大小",
    "meeting": "会议", "seats": "应选人数", "candidates": "候选人", "ballots": "发出/收回/有效选票", "elected": "当选",
    "depth": "传达范围（级）", "due": "传达期限", "how": "传达方式", "enlarged": "扩大会议", "presided_by": "主持人",
    "subject": "会议名称", "summary": "会议纪要",
}  # fmt: skip
HIDDEN = {"from_id", "to_id", "target_id", "source_id", "new_org_id"}


def _show(value: Any) -> str:
    if value in ("", None):
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "（无）"
    return str(value)


@register.filter
def change_lines(detail: dict[str, Any]) -> list[str]:
    """An audit or history detail as lines a person reads: 地址：（空） → 海珠区赤岗路1号."""
    if not isinstance(detail, dict):
        return [str(detail)]
    before, after = detail.get("before"), detail.get("after")
    lines: list[str] = []
    if isinstance(before, dict) and isinstance(after, dict):
        for key in after:
            lines.append(f"{FIELD_LABELS.get(key, key)}：{_show(before.get(key))} → {_show(after[key])}")
    for key, value in detail.items():
        if key in {"before", "after"} or key in HIDDEN:
            continue
        lines.append(f"{FIELD_LABELS.get(key, key)}：{_show(value)}")
    return lines


ACTION_LABELS = {
    "org.create": "新建组织", "org.update": "修改组织信息", "org.move": "调整隶属关系", "org.merge": "合并组织",
    "org.split": "分立组织", "org.dissolve": "撤销组织", "pii.reveal": "查看敏感信息", "role.grant": "授予角色",
    "user.create": "新建用户", "auth.login": "登录", "auth.login_failed": "登录失败", "auth.totp_enrolled": "启用双因素认证",
    "job.enqueue": "提交后台任务",
    "unit.create": "登记单位", "unit.update": "修改单位信息", "unit.close": "注销单位", "unit.import": "导入单位",
    "unit.export": "导出单位名单", "unit.report_export": "导出“两个普遍”统计", "unit.follow_merge": "单位随工会合并",
    "contract.create": "登记集体合同", "contract.end": "终止集体合同", "contract.export": "导出集体合同名单",
    "centre.create": "设立服务中心", "centre.supervisor": "指定服务中心督导", "room.create": "添加功能室",
    "service.create": "添加服务项目", "provider.create": "添加咨询师/律师", "provider.units": "律师挂钩企业",
    "schedule.add": "添加排班", "schedule.end": "停止排班", "schedule.exception": "加开或停诊", "holiday.add": "登记闭馆日",
    "booking.create": "预约咨询", "booking.cancel": "取消预约", "booking.attend": "登记到访", "booking.no_show": "登记爽约",
    "booking.feedback": "咨询评价", "booking.remind": "发送预约提醒", "consultation.start": "发起在线咨询",
    "consultation.post": "在线咨询留言", "consultation.close": "结束在线咨询", "consultation.supervisor_read": "督导查阅在线咨询",
    "article.create": "撰写知识文章", "article.update": "修改知识文章", "case.create": "受理维权案件",
    "case.mediate": "案件转入调解", "case.arbitrate": "案件申请仲裁", "case.litigate": "案件提起诉讼", "case.close": "维权案件结案",
    "case.stats_export": "导出维权案件统计",
    "meetings.committee.create": "登记委员会", "meetings.seat.register": "登记委员",
    "meetings.seat.end": "登记委员离任",
    "meetings.rules.set": "设定选举规则", "meetings.meeting.create": "登记会议",
    "meetings.meeting.update": "修改会议记录",
    "meetings.attendance.set": "登记出席情况", "meetings.agenda.add": "添加会议议程",
    "meetings.agenda.remove": "删除会议议程",
    "meetings.document.add": "上传会议文件", "meetings.meeting.record": "确认会议记录",
    "meetings.meeting.reopen": "退回会议记录",
    "meetings.meeting.cancel": "作废会议记录", "meetings.minutes.export": "下载会议纪要",
    "meetings.election.create": "登记选举",
    "meetings.election.count": "登记计票", "meetings.election.confirm": "确认选举结果",
    "meetings.election.cancel": "作废选举",
    "meetings.passon.require": "部署传达贯彻", "meetings.passon.record": "登记传达贯彻",
    "meetings.passon.undo": "撤销传达登记",
    "meetings.passon.export": "导出传达贯彻情况", "meetings.roster.export": "导出委员名单",
}  # fmt: skip


# 困难职工帮扶 (gonghui/assistance).
ACTION_LABELS.update(
    {
        "assistance.household.create": "建立困难职工档案",
        "assistance.household.update": "修改困难职工档案",
        "assistance.household.review": "审核困难职工档案",
        "assistance.household.verify": "困难职工档案年度复核",
        "assistance.household.exit": "办理脱困",
        "assistance.household.merge": "合并困难职工档案",
        "assistance.household.merged_into": "档案并入其他档案",
        "assistance.attachment.add": "上传档案附件",
        "assistance.application.submit": "提交帮扶申请",
        "assistance.application.approve": "批准帮扶申请（进入公示）",
        "assistance.application.approve_now": "批准帮扶申请",
        "assistance.application.publicity_end": "帮扶申请公示期满",
        "assistance.application.reject": "不予批准帮扶申请",
        "assistance.application.escalate": "帮扶申请逾期上报",
        "assistance.application.withdraw": "撤回帮扶申请",
        "assistance.application.pay": "登记帮扶发放",
        "assistance.fund.deposit": "帮扶专项资金入账",
        "assistance.fund.allocate": "下拨帮扶专项资金",
        "assistance.fund.allocated": "收到上级下拨帮扶资金",
        "assistance.batch.create": "新建批量救助",
        "assistance.batch.approve": "批准批量救助",
        "assistance.batch.disburse": "批量救助拨付",
        "assistance.batch.revert": "批量救助退回草稿",
        "assistance.batch.close": "批量救助办结",
        "assistance.batch.payment_file": "生成银行代发文件",
        "assistance.batch.bank_return": "导入银行回盘文件",
        "assistance.line.set": "设置低保标准",
        "assistance.rule.set": "设置帮扶审批权限",
        "assistance.rule.delete": "删除帮扶审批权限",
        "assistance.report.export": "导出帮扶统计",
    }
)
FIELD_LABELS.update(
    {
        "tier": "困难类别",
        "size": "家庭人口",
        "member_linked": "关联会员",
        "per_capita": "月人均收入",
        "amount": "金额",
        "approver": "审批工会",
        "by_member": "职工本人申请",
        "publicity_until": "公示截止",
        "from_org": "原审批工会",
        "to_org": "上报至",
        "days": "逾期天数",
        "paid_on": "发放日期",
        "households": "户数",
        "total": "合计金额",
        "no_account": "缺银行卡号户数",
        "dropped": "剔除户数",
        "error": "原因",
        "refund": "退回金额",
        "paid": "发放成功",
        "failed": "发放失败",
        "merged": "并入档案",
        "family_moved": "转入家庭成员",
        "into": "并入",
        "year": "年度",
        "note": "摘要",
        "fields": "查看项目",
        "limit": "审批限额",
        "escalate_days": "逾期上报天数",
        "publicity_days": "公示天数",
        "quarter": "季度",
        "monthly": "低保标准",
    }
)


@register.filter
def action_label(action: str) -> str:
    """Chinese name of an audited action; modules add theirs to ACTION_LABELS."""
    return ACTION_LABELS.get(action, action)
