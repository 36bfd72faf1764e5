"""Forms: they parse what people type; the actions decide and refuse."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel.codes import division_choices, division_name, divisions_under
from gonghui.kernel.formfields import optional_text

from .choices import INDUSTRY_CHOICES, SKILL_CHOICES, FairKind
from .models import Outcome

BLANK = [("", "—")]


def places_near(division: str) -> list[tuple[str, str]]:
    """A fair's city and its districts, for a phone's drop-down (全市 first)."""
    city = (division or "4401")[:4].ljust(6, "0")
    name = division_name(city)
    if not name:
        return []
    return [(city, gettext("%(name)s（全市）") % {"name": name}), *divisions_under(city)]


class FairForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=FairKind.choices)
    held_on = forms.DateField(label=gettext_lazy("举办日期"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=gettext_lazy("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              help_text=gettext_lazy("一天办完的不填"))  # fmt: skip
    online = forms.BooleanField(label=gettext_lazy("网络招聘会"), required=False)
    place = optional_text(gettext_lazy("地点"), max_length=200)
    division = forms.ChoiceField(label=gettext_lazy("所在地行政区划"), required=False)
    booths = forms.IntegerField(label=gettext_lazy("展位数"), min_value=0, required=False)
    public = forms.BooleanField(
        label=gettext_lazy("面向社会求职者（非会员也可报名）"), required=False, initial=True
    )
    note = optional_text(gettext_lazy("说明"), rows=3)

    def __init__(self, *args: Any, venue_orgs: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["division"]).choices = BLANK + [
            (c, n) for c, n in division_choices() if c.startswith("44")
        ]
        if venue_orgs:
            self.fields["venue_org"] = forms.TypedChoiceField(
                label=gettext("分会场主办工会"), coerce=int, choices=[(o.pk, o.name) for o in venue_orgs]
            )


class EmployerForm(forms.Form):
    credit_code = forms.CharField(label=gettext_lazy("统一社会信用代码"), max_length=40)
    name = optional_text(
        gettext_lazy("单位名称"), max_length=200, hint=gettext_lazy("单位名录中已有的单位可不填")
    )
    industry = forms.ChoiceField(label=gettext_lazy("行业"), choices=BLANK + INDUSTRY_CHOICES, required=False)
    contact = optional_text(gettext_lazy("联系人"), max_length=50)
    contact_phone = optional_text(gettext_lazy("联系电话"), max_length=20)
    booth = optional_text(gettext_lazy("展位号"), max_length=20)


class PositionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("岗位名称"), max_length=100)
    openings = forms.IntegerField(label=gettext_lazy("招聘人数"), min_value=1)
    pay_min = forms.IntegerField(label=gettext_lazy("月薪下限（元）"), min_value=1)
    pay_max = forms.IntegerField(label=gettext_lazy("月薪上限（元）"), min_value=1)
    industry = forms.ChoiceField(label=gettext_lazy("行业"), choices=BLANK + INDUSTRY_CHOICES, required=False,
                                 help_text=gettext_lazy("不选即单位所属行业"))  # fmt: skip
    division = forms.ChoiceField(label=gettext_lazy("工作地点（区）"), required=False)
    place = optional_text(gettext_lazy("详细地点"), max_length=200)
    skills = forms.MultipleChoiceField(label=gettext_lazy("技能要求"), choices=SKILL_CHOICES, required=False,
                                       widget=forms.CheckboxSelectMultiple)  # fmt: skip
    requirements = optional_text(gettext_lazy("岗位要求"), rows=3)

    def __init__(self, *args: Any, division: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["division"]).choices = BLANK + places_near(division)


class SeekerForm(forms.Form):
    """The phone form: short, with the keyboard each field needs."""

    name = forms.CharField(
        label=gettext_lazy("姓名"), max_length=50, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label=gettext_lazy("手机号码"), max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )  # fmt: skip
    id_number = optional_text(gettext_lazy("身份证号（选填）"), max_length=20)
    industries = forms.MultipleChoiceField(label=gettext_lazy("意向行业（最多3项）"), choices=INDUSTRY_CHOICES, required=False,
                                           widget=forms.CheckboxSelectMultiple)  # fmt: skip
    pay_min = forms.IntegerField(label=gettext_lazy("期望月薪（元）"), min_value=0, required=False,
                                 widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    division = forms.ChoiceField(label=gettext_lazy("意向工作地点"), required=False)
    skills = forms.MultipleChoiceField(label=gettext_lazy("技能"), choices=SKILL_CHOICES, required=False,
                                       widget=forms.CheckboxSelectMultiple)  # fmt: skip
    migrant = forms.BooleanField(label=gettext_lazy("农民工"), required=False)
    note = optional_text(gettext_lazy("备注"), max_length=200)

    def __init__(self, *args: Any, division: str = "", walk_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["division"]).choices = [
            ("", gettext("不限")),
            *places_near(division),
        ]
        if walk_in:
            self.fields["member"] = forms.BooleanField(label=gettext("工会会员"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("理由"), max_length=200)


class CheckinForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("签到码"), max_length=400, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )


class InterviewForm(forms.Form):
    seeker = forms.IntegerField(
        label=gettext_lazy("求职者编号"),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    outcome = forms.ChoiceField(label=gettext_lazy("结果"), choices=Outcome.choices)
    note = optional_text(gettext_lazy("备注"), max_length=200)


class InviteForm(forms.Form):
    phone = forms.CharField(
        label=gettext_lazy("联系人手机号码"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
        help_text=gettext_lazy("联系人用此号码获取验证码登录，只能办理本单位的岗位、求职者匹配和面试。"),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("参会单位和岗位表（xlsx、xls 或 csv）"))
