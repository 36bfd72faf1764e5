"""Forms of the training pages: they parse input; the actions clean and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy, pgettext_lazy

from gonghui.kernel.formfields import optional_text

from .models import Audience, Subject

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class CourseForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("培训班名称"), max_length=100)
    subject = forms.ChoiceField(label=gettext_lazy("培训类别"), choices=Subject.choices)
    trainer = optional_text(gettext_lazy("授课人（单位）"), max_length=100)
    place = optional_text(gettext_lazy("培训地点"), max_length=100)
    capacity = forms.CharField(label=pgettext_lazy("培训班", "名额"), max_length=8)
    audience = forms.ChoiceField(label=gettext_lazy("招收对象"), choices=Audience.choices)
    enrol_until = forms.DateField(label=gettext_lazy("报名截止日期"), required=False, widget=DATE)
    min_attendance = forms.CharField(label=gettext_lazy("结业出勤率（%）"), max_length=3, initial="80")
    requires_test = forms.BooleanField(label=gettext_lazy("须参加结业考核"), required=False, initial=True)
    pass_mark = optional_text(gettext_lazy("考核合格分"), max_length=6, initial="60")
    description = optional_text(gettext_lazy("培训内容"), rows=4)


class SessionForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    starts_at = forms.TimeField(label=gettext_lazy("开始时间"), widget=TIME)
    ends_at = forms.TimeField(label=gettext_lazy("结束时间"), widget=TIME)
    hours = forms.CharField(label=gettext_lazy("学时"), max_length=5)
    place = optional_text(gettext_lazy("地点"), max_length=100)
    topic = optional_text(gettext_lazy("内容"), max_length=100)


class PersonForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    id_number = forms.CharField(label=gettext_lazy("身份证号码"), max_length=30)
    phone = forms.CharField(label=gettext_lazy("手机号码"), max_length=20)
    unit = optional_text(gettext_lazy("工作单位"), max_length=100)


class ScanForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("签到码"),
        max_length=200,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=pgettext_lazy("证书", "撤销原因"), max_length=200)


class VerifyForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("证书验证码"), max_length=30)


class SelfEnrolForm(forms.Form):
    """A person enrolling themselves on a public course, on their phone."""

    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    phone = forms.CharField(
        label=gettext_lazy("手机号码"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    id_number = optional_text(
        gettext_lazy("身份证号码（选填）"),
        max_length=30,
        hint=gettext_lazy("填写后结业证书上可核验身份；加密保存。"),
    )
    unit = optional_text(gettext_lazy("工作单位"), max_length=100)
