"""Forms parse input only; every rule is checked by the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from gonghui.assistance.choices import Kind as HardshipKind
from gonghui.kernel.formfields import optional_text
from gonghui.orgs.models import Org

from .models import Category, Occupation, PlaceKind, Work

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WORK_FIELDS = (
    "work",
    "employer_name",
    "employer_credit_code",
    "occupation",
    "platform",
    "home",
    "migrant_worker",
)


class WorkForm(forms.Form):
    work = forms.ChoiceField(
        label=gettext_lazy("就业情况"), choices=Work.choices, widget=forms.RadioSelect, initial=Work.EMPLOYED
    )
    employer_name = optional_text(gettext_lazy("工作单位名称"), max_length=100)
    employer_credit_code = optional_text(
        gettext_lazy("单位统一社会信用代码"),
        max_length=30,
        hint=gettext_lazy("选填，填写后可准确找到单位所属工会。"),
    )
    occupation = forms.ChoiceField(
        label=gettext_lazy("从事职业"), required=False, choices=[("", "—"), *Occupation.choices]
    )
    platform = optional_text(
        gettext_lazy("服务平台"), max_length=50, hint=gettext_lazy("如：美团、饿了么、顺丰、滴滴")
    )
    home = optional_text(
        gettext_lazy("居住地街道（乡镇）"), max_length=50,
        hint=gettext_lazy("如：海珠区赤岗街道。新就业形态劳动者、单位尚未建会的职工，由居住地工会受理（流动会员）。"),
    )  # fmt: skip
    migrant_worker = forms.BooleanField(label=gettext_lazy("我是农民工（农业户籍进城务工）"), required=False)

    def work_values(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in WORK_FIELDS}


class JoinForm(WorkForm):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=60)
    id_number = forms.CharField(
        label=gettext_lazy("身份证号码"),
        max_length=40,
        help_text=gettext_lazy("加密保存，仅用于会员实名登记。"),
    )
    phone = forms.CharField(label=gettext_lazy("手机号码"), max_length=20)
    password = optional_text(
        gettext_lazy("设置登录密码"), widget=forms.PasswordInput,
        hint=gettext_lazy("至少12位。以后用手机号码和此密码登录，查看办理进度和会员卡。"),
    )  # fmt: skip
    field_order = ["name", "id_number", "phone", "password", *WORK_FIELDS]

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["password"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("退回理由"), max_length=200, widget=forms.Textarea(attrs={"rows": 3})
    )


class ApproveForm(forms.Form):
    place_in = forms.ModelChoiceField(
        label=gettext_lazy("编入基层工会"), required=False, queryset=Org.objects.none()
    )

    def __init__(self, *args: Any, choices: list[Org], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if choices:
            field = self.fields["place_in"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Org.objects.filter(pk__in=[o.pk for o in choices])
            self.fields["place_in"].initial = choices[0].pk
        else:
            del self.fields["place_in"]


class RequestForm(forms.Form):
    category = forms.ChoiceField(
        label=gettext_lazy("诉求类别"), choices=Category.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=gettext_lazy("遇到了什么问题"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6})
    )
    anonymous = forms.BooleanField(
        label=gettext_lazy("对用人单位匿名"), required=False,
        help_text=gettext_lazy("勾选后，工会在办理和统计中不显示您的姓名和联系方式，也不会向用人单位透露。"),
    )  # fmt: skip


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("答复"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    due_on = forms.DateField(label=gettext_lazy("办理期限"), required=False, widget=DATE)


class HardshipForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("帮扶类型"), choices=HardshipKind.choices)
    amount = forms.DecimalField(label=gettext_lazy("申请金额（元）"), max_digits=12, decimal_places=2)


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        label=gettext_lazy("满意度"),
        choices=[(str(i), "★" * i) for i in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    note = optional_text(gettext_lazy("评价"), max_length=200)


class ScanForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("会员卡二维码"),
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    place = optional_text(gettext_lazy("核验地点"), max_length=100)


class PlaceForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=PlaceKind.choices)
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    address = forms.CharField(label=gettext_lazy("地址"), max_length=200)
    division = optional_text(gettext_lazy("所在区县行政区划代码"), max_length=6)
    lng = forms.CharField(label=gettext_lazy("经度"), max_length=20, help_text=gettext_lazy("如 113.264385"))
    lat = forms.CharField(label=gettext_lazy("纬度"), max_length=20, help_text=gettext_lazy("如 23.129112"))
    hours = forms.CharField(
        label=gettext_lazy("开放时间"), max_length=100, help_text=gettext_lazy("如 周一至周五 9:00-17:30")
    )
    services = optional_text(
        gettext_lazy("服务内容"), max_length=300, hint=gettext_lazy("用顿号分隔，如 饮水、充电、休息、如厕")
    )
    phone = optional_text(gettext_lazy("联系电话"), max_length=30)


class SignInForm(forms.Form):
    phone = forms.CharField(label=gettext_lazy("手机号码"), max_length=20)
    code = optional_text(gettext_lazy("验证码"), max_length=6, widget=forms.TextInput(
        attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))  # fmt: skip


class DeviceCodeForm(forms.Form):
    code = optional_text(gettext_lazy("验证码"), max_length=6, widget=forms.TextInput(
        attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}))  # fmt: skip


class TradeRouteForm(forms.Form):
    occupation = forms.ChoiceField(label=gettext_lazy("职业"), choices=[("", "—"), *Occupation.choices])
    receiving = forms.TypedChoiceField(label=gettext_lazy("接收入会的工会"), coerce=int)
    note = optional_text(gettext_lazy("说明"), max_length=200)

    def __init__(self, *args: Any, unions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unions = {u.pk: u for u in unions}
        self.fields["receiving"].choices = [("", "—")] + [(u.pk, u.name) for u in unions]  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "occupation": data["occupation"],
            "receiving": self.unions.get(data["receiving"]),
            "note": data["note"],
        }
