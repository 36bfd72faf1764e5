"""Forms parse input only; every rule is checked by the actions."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from gonghui.kernel.formfields import optional_text

from .models import INDUSTRY_CHOICES, UNIT_TYPE_CHOICES, ContractKind, Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK: list[Any] = [("", gettext_lazy("—— 请选择 ——"))]
ORG_HELP = "填写工会全称或统一社会信用代码。"


class UnitForm(forms.Form):
    credit_code = forms.CharField(label=gettext_lazy("统一社会信用代码"), max_length=40)
    name = forms.CharField(label=gettext_lazy("单位名称"), max_length=200)
    industry = forms.ChoiceField(label=gettext_lazy("国民经济行业"), choices=BLANK + INDUSTRY_CHOICES)
    unit_type = forms.ChoiceField(label=gettext_lazy("单位类别"), choices=BLANK + UNIT_TYPE_CHOICES)
    employees = forms.IntegerField(label=gettext_lazy("职工人数"), min_value=0)
    women = forms.IntegerField(label=gettext_lazy("女职工人数"), min_value=0, required=False)
    migrants = forms.IntegerField(label=gettext_lazy("农民工人数"), min_value=0, required=False)
    address = optional_text(gettext_lazy("单位地址"), max_length=200)
    division = optional_text(gettext_lazy("行政区划代码"), max_length=6, hint=gettext_lazy("6位，如440105。"))
    founded_on = forms.DateField(label=gettext_lazy("成立日期"), required=False, widget=DATE)
    registered_org = forms.CharField(
        label=gettext_lazy("登记工会"),
        max_length=100,
        help_text="列有本单位台账的工会（未建会单位一般为镇、街道总工会）。" + ORG_HELP,
    )
    covering_org = optional_text(
        gettext_lazy("所属工会"),
        max_length=100,
        hint="覆盖本单位的基层工会（本单位工会或联合工会）；未建会则留空。" + ORG_HELP,
    )
    on = forms.DateField(
        label=gettext_lazy("生效日期"),
        required=False,
        widget=DATE,
        help_text=gettext_lazy("人数或所属工会从哪天起变化；不填为今天。"),
    )

    VALUES = ("credit_code", "name", "industry", "unit_type", "employees", "women", "migrants", "address",
              "division", "founded_on")  # fmt: skip

    @classmethod
    def initial_for(cls, unit: Unit) -> dict[str, Any]:
        data = {k: getattr(unit, k) for k in cls.VALUES}
        data["registered_org"] = unit.registered_org.name
        data["covering_org"] = unit.covering_org.name if unit.covering_org is not None else ""
        return data

    def values(self) -> dict[str, Any]:
        data = {k: self.cleaned_data.get(k) for k in self.VALUES}
        for k in ("women", "migrants"):
            data[k] = data[k] or 0
        return data


class CloseForm(forms.Form):
    reason = optional_text(gettext_lazy("注销原因"), max_length=200, rows=3)
    on = forms.DateField(label=gettext_lazy("注销日期"), required=False, widget=DATE)


class ContractForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=BLANK + ContractKind.choices)
    title = forms.CharField(
        label=gettext_lazy("合同名称"),
        max_length=200,
        help_text=gettext_lazy("如“2013年赤岗街道餐饮行业工资专项集体合同”。"),
    )
    org = forms.CharField(label=gettext_lazy("签订工会"), max_length=100, help_text=ORG_HELP)
    industry = forms.ChoiceField(
        label=gettext_lazy("行业（行业性合同必填）"), choices=BLANK + INDUSTRY_CHOICES, required=False
    )
    signed_on = forms.DateField(label=gettext_lazy("签订日期"), widget=DATE)
    expires_on = forms.DateField(label=gettext_lazy("期满日期"), widget=DATE)
    workers_covered = forms.IntegerField(label=gettext_lazy("覆盖职工数"), min_value=0)
    units = forms.CharField(
        label=gettext_lazy("覆盖单位"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("每行一个单位的统一社会信用代码（也可用逗号、空格分隔）。"),
    )
    note = optional_text(gettext_lazy("备注"), max_length=200)

    def unit_codes(self) -> list[str]:
        return [c for c in re.split(r"[\s,，;；、]+", self.cleaned_data.get("units", "")) if c]


class ContractEndForm(forms.Form):
    reason = optional_text(gettext_lazy("终止原因"), max_length=200, rows=3)
    on = forms.DateField(label=gettext_lazy("终止日期"), required=False, widget=DATE)


class ImportForm(forms.Form):
    org = forms.CharField(
        label=gettext_lazy("登记工会"), max_length=100, help_text="导入的单位列入哪个工会的台账。" + ORG_HELP
    )
    file = forms.FileField(
        label=gettext_lazy("台账文件"),
        help_text=gettext_lazy("Excel（.xlsx、.xls）或 CSV（UTF-8 或 GBK 编码）。"),
    )
    good_rows = forms.BooleanField(
        label=gettext_lazy("只导入无误的行"),
        required=False,
        help_text=gettext_lazy("不勾选时，只要有一行有误就不导入任何数据。"),
    )
    on = forms.DateField(
        label=gettext_lazy("数据日期"),
        required=False,
        widget=DATE,
        help_text=gettext_lazy("台账统计的日期；不填为今天。"),
    )


class ReportForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("统计日期"), required=False, widget=DATE)
    threshold = forms.IntegerField(
        label=gettext_lazy("应建会标准（职工人数≥）"), min_value=1, max_value=100000, required=False
    )
