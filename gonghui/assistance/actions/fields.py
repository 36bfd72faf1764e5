"""The fields of a household file as an officer or the API gives them: checked one by one,
cleaned, and refused with a message in Chinese keyed by field (nothing is written here)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from gonghui.kernel.cleaning import id_number, money, text
from gonghui.kernel.codes import CodeError, division_check

from .. import choices as c

TEXT_FIELDS = {
    "name": ("姓名", 50, True), "ethnicity": ("民族", 20, True), "other_contact": ("其他联系方式", 50, False),
    "postcode": ("邮政编码", 6, False), "industry": ("所属行业", 30, False), "address": ("家庭住址", 200, True),
    "employer": ("工作单位", 100, False), "employer_nature": ("单位性质", 30, False),
    "employer_state": ("企业状况", 30, False), "cause_note": ("其他（文字描述）", 200, False),
    "bank_name": ("开户银行", 50, False), "bank_branch": ("支行名称", 100, False), "note": ("备注", 500, False),
}  # fmt: skip
CHOICE_FIELDS = {
    "political_status": ("政治面貌", c.Political, True), "health": ("健康状况", c.Health, True),
    "disability": ("残疾类别", c.Disability, False), "work_status": ("工作状态", c.WorkStatus, True),
    "model_worker": ("劳模类型", c.ModelWorker, True), "housing": ("住房类型", c.Housing, True),
    "marital": ("婚姻状况", c.Marital, True), "hukou_type": ("户口类型", c.Hukou, True),
    "insurance": ("医保状况", c.Insurance, True), "main_cause": ("主要致困原因", c.Cause, True),
}  # fmt: skip
MONEY_FIELDS = {
    "monthly_income": "本人月平均收入", "other_income": "家庭其他非薪资年收入",
    "rigid_expenses": "年度刚性支出", "hardship_costs": "年度内致困费用（损失）",
}  # fmt: skip
FLAGS = ("single_parent", "major_event", "self_help", "zero_employment")
OTHER = (
    "housing_area",
    "work_since",
    "phone",
    "bank_account",
    "secondary_causes",
    "id_number",
    "hukou_division",
)
FAMILY_FIELDS = (
    "name", "relation", "id_number", "political_status", "health", "monthly_income", "identity", "insurance",
    "school_or_employer",
)  # fmt: skip
MAX_FAMILY = 12


def _text(values: dict[str, Any], errors: dict[str, str], f: str) -> str:
    """One line of text, cleaned the kernel's way; a refusal is collected with the others."""
    label, limit, required = TEXT_FIELDS[f]
    try:
        return text(values.get(f), field=f, label=label, max_length=limit, required=required)
    except ValidationError as exc:
        errors[f] = exc.message_dict[f][0]
        return ""


def clean_household(values: dict[str, Any]) -> dict[str, Any]:
    """The worker's part of a file, checked field by field; ValidationError keyed by field."""
    unknown = (
        set(values) - set(TEXT_FIELDS) - set(CHOICE_FIELDS) - set(MONEY_FIELDS) - set(FLAGS) - set(OTHER)
    )
    if unknown:
        raise TypeError(f"unknown household fields {sorted(unknown)}")
    errors: dict[str, str] = {}
    out: dict[str, Any] = {f: _text(values, errors, f) for f in TEXT_FIELDS}
    for f, (label, choices, required) in CHOICE_FIELDS.items():
        v = str(values.get(f) or "")
        if not v and not required:
            out[f] = ""
        elif v not in choices.values:
            errors[f] = gettext("请选择%(label)s。") % {"label": label}
        else:
            out[f] = v
    for f, label in MONEY_FIELDS.items():
        try:
            out[f] = money(values.get(f), field=f, label=label, allow_zero=True)
        except ValidationError as exc:
            errors[f] = exc.message_dict[f][0]
    for f in FLAGS:
        out[f] = bool(values.get(f))
    try:
        info = id_number(values.get("id_number"), field="id_number")
        out.update(id_number=info.number, birth_date=info.birth_date, sex=info.sex)
    except ValidationError as exc:
        errors["id_number"] = exc.message_dict["id_number"][0]
    phone = "".join(str(values.get("phone") or "").split())
    if not (len(phone) == 11 and phone.isdigit() and phone.startswith("1")):
        errors["phone"] = gettext("手机号码应为以1开头的11位数字。")
    out["phone"] = phone
    account = "".join(str(values.get("bank_account") or "").split())
    if account and not (account.isdigit() and 12 <= len(account) <= 30):
        errors["bank_account"] = gettext("银行卡号应为12至30位数字。")
    out["bank_account"] = account
    if account and not out.get("bank_name"):
        errors["bank_name"] = gettext("填写了银行卡号，请同时填写开户银行。")
    try:
        out["hukou_division"] = division_check(str(values.get("hukou_division") or "").strip())
    except CodeError as exc:
        errors["hukou_division"] = exc.message
    area = values.get("housing_area")
    out["housing_area"] = None
    if area not in (None, ""):
        try:
            out["housing_area"] = money(area, field="housing_area", label="建筑面积", maximum=Decimal(9999))
        except ValidationError as exc:
            errors["housing_area"] = exc.message_dict["housing_area"][0]
    out["work_since"] = values.get("work_since") or None
    secondary = [str(x) for x in (values.get("secondary_causes") or []) if str(x)]
    if len(secondary) > 3:
        errors["secondary_causes"] = gettext("次要致困原因最多选择3项。")
    elif len(set(secondary)) != len(secondary) or any(x not in c.Cause.values for x in secondary):
        errors["secondary_causes"] = gettext("次要致困原因有误（不能重复）。")
    elif out.get("main_cause") in secondary:
        errors["secondary_causes"] = gettext("次要致困原因不能与主要致困原因相同。")
    else:  # the causes are the numbered ones now
        out["secondary_causes"] = sorted(secondary, key=int)
    if out.get("main_cause") == c.Cause.OTHER and not out.get("cause_note"):
        errors["cause_note"] = gettext("主要致困原因为「其他」时，请用文字说明。")
    if out.get("disability") == "" and out.get("health") == c.Health.DISABLED:
        errors["disability"] = gettext("健康状况为「残疾」时，请选择残疾类别。")
    if errors:
        raise ValidationError(errors)
    return out


def clean_family(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(rows) > MAX_FAMILY:
        raise ValidationError(
            {"family": gettext("家庭成员最多登记%(MAX_FAMILY)s人。") % {"MAX_FAMILY": MAX_FAMILY}}
        )
    out = []
    problems: list[str] = []
    for i, row in enumerate(rows, start=1):
        where = f"第{i}位家庭成员"
        name = " ".join(str(row.get("name") or "").split())
        if not name:
            problems.append(f"{where}：请填写姓名。")
            continue
        who = f"{where}（{name}）"
        clean: dict[str, Any] = {"name": name[:50]}
        try:
            info = id_number(row.get("id_number"), field="family", who=f"{who}：")
            clean.update(id_number=info.number, birth_date=info.birth_date, sex=info.sex)
        except ValidationError as exc:
            problems.append(exc.message_dict["family"][0])
        for f, choices, label in (
            ("relation", c.Relation, "关系"), ("identity", c.Identity, "身份"), ("insurance", c.Insurance, "医保状况"),
            ("political_status", c.Political, "政治面貌"), ("health", c.Health, "健康状况"),
        ):  # fmt: skip
            v = str(row.get(f) or "")
            if not v and f in ("political_status", "health"):
                v = c.Political.MASSES if f == "political_status" else c.Health.GOOD
            if v not in choices.values:
                problems.append(f"{who}：请选择{label}。")
            clean[f] = v
        try:
            clean["monthly_income"] = money(row.get("monthly_income"), field="family", label=f"{who}的月收入")
        except ValidationError as exc:
            problems.append(exc.message_dict["family"][0])
        clean["school_or_employer"] = " ".join(str(row.get("school_or_employer") or "").split())[:100]
        out.append(clean)
    if problems:
        raise ValidationError({"family": problems})
    return out
