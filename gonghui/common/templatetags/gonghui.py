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
}  # fmt: skip


@register.filter
def action_label(action: str) -> str:
    """Chinese name of an audited action; modules add theirs to ACTION_LABELS."""
    return ACTION_LABELS.get(action, action)
