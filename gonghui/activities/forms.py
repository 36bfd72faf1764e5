"""Forms of the activities pages: they parse; the actions validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from gonghui.kernel.formfields import optional_text

from .models import Activity, Benefit, Campaign, Group, Partner

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CampaignForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=Campaign.Kind.choices)
    title = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    starts_on = forms.DateField(label=gettext_lazy("开始日期"), widget=DATE)
    ends_on = forms.DateField(label=gettext_lazy("结束日期"), widget=DATE)
    goal_people = forms.IntegerField(
        label=gettext_lazy("目标服务人次"), min_value=0, required=False, initial=0
    )
    goal_money = forms.DecimalField(
        label=gettext_lazy("目标资金（元）"), min_value=0, decimal_places=2, required=False, initial=0
    )
    goal_goods = forms.DecimalField(
        label=gettext_lazy("目标物资价值（元）"), min_value=0, decimal_places=2, required=False, initial=0
    )
    description = optional_text(gettext_lazy("说明"), rows=3)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key in ("goal_people", "goal_money", "goal_goods"):
            if data.get(key) is None:
                data[key] = 0
        return data


class ActivityForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=Activity.Kind.choices)
    campaign = forms.ModelChoiceField(label=gettext_lazy("所属专项活动"), queryset=Campaign.objects.none(), required=False,
                                      empty_label=gettext_lazy("（不属于专项活动）"))  # fmt: skip
    place = forms.CharField(label=gettext_lazy("地点"), max_length=200)
    starts_at = forms.DateTimeField(label=gettext_lazy("开始时间"), widget=WHEN)
    ends_at = forms.DateTimeField(label=gettext_lazy("结束时间"), widget=WHEN)
    capacity = forms.IntegerField(label=gettext_lazy("名额"), min_value=1)
    audience = forms.ChoiceField(label=gettext_lazy("报名范围"), choices=Activity.Audience.choices)
    group = forms.ModelChoiceField(label=gettext_lazy("报名群体"), queryset=Group.objects.none(), required=False,
                                   empty_label=gettext_lazy("（报名范围为指定群体时选择）"))  # fmt: skip
    signup_until = forms.DateTimeField(label=gettext_lazy("报名截止"), widget=WHEN, required=False,
                                       help_text=gettext_lazy("不填则截止到活动开始。"))  # fmt: skip
    partners = forms.ModelMultipleChoiceField(label=gettext_lazy("合作单位"), queryset=Partner.objects.none(), required=False,
                                              widget=forms.CheckboxSelectMultiple)  # fmt: skip
    description = optional_text(gettext_lazy("内容"), rows=4)

    def __init__(
        self, *args: Any, campaigns: Any = None, partners: Any = None, groups: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups if groups is not None else Group.objects.none()  # type: ignore[attr-defined]
        self.fields["campaign"].queryset = campaigns if campaigns is not None else Campaign.objects.none()  # type: ignore[attr-defined]
        self.fields["partners"].queryset = partners if partners is not None else Partner.objects.none()  # type: ignore[attr-defined]


class ResultForm(forms.Form):
    people_served = forms.IntegerField(label=gettext_lazy("服务人次"), min_value=0)
    goods = optional_text(gettext_lazy("发放物资"), max_length=200)
    goods_value = forms.DecimalField(
        label=gettext_lazy("物资价值（元）"), min_value=0, decimal_places=2, required=False
    )
    money = forms.DecimalField(
        label=gettext_lazy("慰问金（元）"), min_value=0, decimal_places=2, required=False
    )
    fund: forms.ModelChoiceField = forms.ModelChoiceField(label=gettext_lazy("资金来源（帮扶专项资金）"), queryset=None, required=False,
                                  empty_label=gettext_lazy("（不从帮扶专项资金支出）"))  # fmt: skip
    summary = optional_text(gettext_lazy("活动小结"), rows=4)

    def __init__(self, *args: Any, funds: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = funds  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key in ("goods_value", "money"):
            if data.get(key) is None:
                data[key] = "0"
        return data


class PartnerForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=Partner.Kind.choices)
    credit_code = optional_text(gettext_lazy("统一社会信用代码"), max_length=30)
    contact = optional_text(gettext_lazy("联系人"), max_length=50)
    services = optional_text(gettext_lazy("可提供的服务"), max_length=200)


class VolunteerForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    skills = optional_text(gettext_lazy("服务特长"), max_length=200)


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("取消原因"), max_length=200)


class GroupForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=50)
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=Group.Kind.choices)
    description = optional_text(gettext_lazy("说明"), max_length=200)


class EditForm(forms.Form):
    starts_at = forms.DateTimeField(label=gettext_lazy("开始时间"), widget=WHEN)
    ends_at = forms.DateTimeField(label=gettext_lazy("结束时间"), widget=WHEN)
    signup_until = forms.DateTimeField(label=gettext_lazy("报名截止"), widget=WHEN)
    place = forms.CharField(label=gettext_lazy("地点"), max_length=200)
    capacity = forms.IntegerField(label=gettext_lazy("名额"), min_value=1)
    description = optional_text(gettext_lazy("内容"), rows=4)
    reason = forms.CharField(
        label=gettext_lazy("修改原因"), max_length=200,
        help_text=gettext_lazy("修改时间或地点后，已报名和候补的职工会收到通知。"),
    )  # fmt: skip


class BenefitForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("名称"), max_length=100,
                            help_text=gettext_lazy("如：防暑降温慰问品券"))  # fmt: skip
    description = optional_text(gettext_lazy("领取说明"), max_length=200,
                                hint=gettext_lazy("职工凭券到哪里、领取什么。"))  # fmt: skip
    total = forms.IntegerField(label=gettext_lazy("可领取总数"), min_value=1)
    per_worker = forms.IntegerField(label=gettext_lazy("每人限领"), min_value=1, initial=1)
    audience = forms.ChoiceField(label=gettext_lazy("领取范围"), choices=Benefit.Audience.choices)
    group = forms.ModelChoiceField(label=gettext_lazy("领取群体"), queryset=Group.objects.none(), required=False,
                                   empty_label=gettext_lazy("（领取范围为指定群体时选择）"))  # fmt: skip
    claim_from = forms.DateField(label=gettext_lazy("领取开始日期"), widget=DATE)
    claim_until = forms.DateField(label=gettext_lazy("领取截止日期"), widget=DATE)

    def __init__(self, *args: Any, groups: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups if groups is not None else Group.objects.none()  # type: ignore[attr-defined]
