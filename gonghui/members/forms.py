"""Forms parse input only; every rule is checked by the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from gonghui.kernel.formfields import optional_text

from .choices import Education, EmploymentStatus, Ethnicity, HukouType, PoliticalStatus
from .models import Member

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _choices(cls: Any) -> list[tuple[str, str]]:
    return [("", "—"), *cls.choices]


class MemberFieldsForm(forms.Form):
    phone = optional_text(gettext_lazy("手机号码"), max_length=20)
    ethnicity = forms.ChoiceField(label=gettext_lazy("民族"), required=False, choices=_choices(Ethnicity))
    education = forms.ChoiceField(label=gettext_lazy("学历"), required=False, choices=_choices(Education))
    political_status = forms.ChoiceField(
        label=gettext_lazy("政治面貌"), required=False, choices=_choices(PoliticalStatus)
    )
    employment_status = forms.ChoiceField(
        label=gettext_lazy("就业状态"), required=False, choices=_choices(EmploymentStatus)
    )
    hukou_type = forms.ChoiceField(
        label=gettext_lazy("户口类型"), required=False, choices=_choices(HukouType)
    )
    migrant_worker = forms.BooleanField(label=gettext_lazy("农民工"), required=False)
    employer_name = optional_text(gettext_lazy("工作单位"), max_length=100)
    employer_credit_code = optional_text(gettext_lazy("工作单位统一社会信用代码"), max_length=30)
    card_no = optional_text(gettext_lazy("会员证号"), max_length=40)

    FIELDS = (
        "phone", "ethnicity", "education", "political_status", "employment_status", "hukou_type",
        "migrant_worker", "employer_name", "employer_credit_code", "card_no",
    )  # fmt: skip

    def values(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in self.FIELDS}


class JoinForm(MemberFieldsForm):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=60)
    id_number = forms.CharField(
        label=gettext_lazy("身份证号码"),
        max_length=40,
        help_text=gettext_lazy("18位；15位旧号码自动升位。加密保存。"),
    )
    note = optional_text(gettext_lazy("说明"), max_length=200)
    field_order = ["name", "id_number", *MemberFieldsForm.FIELDS, "note"]


class EditForm(MemberFieldsForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].help_text = "已遮盖显示；不修改请保留原样，输入新号码即替换。"

    @classmethod
    def initial_for(cls, member: Member) -> dict[str, Any]:
        """The record as it stands, the phone masked: sent back unchanged, the stored number
        stays (actions.member_update)."""
        return {**{k: getattr(member, k) for k in cls.FIELDS}, "phone": member.phone_masked}


class StatusForm(forms.Form):
    on = forms.DateField(
        label=gettext_lazy("日期"), required=False, widget=DATE, help_text=gettext_lazy("不填为今天。")
    )
    note = optional_text(gettext_lazy("说明"), max_length=200)

    # Steps that must say why (the action refuses them without): the note is their reason,
    # marked required.
    REASONS = {"reject": "不予批准的理由", "leave": "退会原因"}

    def __init__(self, *args: Any, step: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if step in self.REASONS:
            self.fields["note"].label = self.REASONS[step]
            self.fields["note"].widget.attrs["required"] = True


class TransferForm(forms.Form):
    to_org = forms.CharField(
        label=gettext_lazy("转入工会"),
        max_length=100,
        help_text=gettext_lazy("填写转入基层工会的统一社会信用代码或全称（可跨地区）。"),
    )
    reason = optional_text(gettext_lazy("转会原因"), max_length=200)


class DecideForm(forms.Form):
    side = forms.ChoiceField(
        choices=[("out", gettext_lazy("转出工会")), ("in", gettext_lazy("转入工会"))], required=False
    )
    decision = forms.ChoiceField(
        choices=[
            ("approve", gettext_lazy("同意")),
            ("reject", gettext_lazy("拒绝")),
            ("cancel", gettext_lazy("撤回")),
        ]
    )
    reason = optional_text(gettext_lazy("理由"), max_length=200)


class ImportForm(forms.Form):
    org = forms.TypedChoiceField(label=gettext_lazy("导入到"), coerce=int)
    file = forms.FileField(
        label=gettext_lazy("会员名册文件"),
        help_text=gettext_lazy("Excel（.xlsx、.xls）或 CSV（.csv，UTF-8 或 GBK 编码）。"),
    )
    good_rows = forms.BooleanField(
        label=gettext_lazy("只导入无误的行"), required=False,
        help_text=gettext_lazy("不勾选时，只要有一行有问题，就不导入任何数据（先看逐行报告，改好再导入）。"),
    )  # fmt: skip

    def __init__(self, *args: object, orgs: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["org"].choices = orgs  # type: ignore[attr-defined]
