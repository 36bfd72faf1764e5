"""Forms parse input only; every rule is checked by the actions."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from gonghui.kernel.formfields import optional_text

from .models import WEEKDAYS, Article, CaseCategory, CaseOutcome, ProviderKind, ServiceKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
BLANK: list[Any] = [("", gettext_lazy("—— 请选择 ——"))]
ORG_HELP = "填写工会全称或统一社会信用代码。"


def split_codes(text: str) -> list[str]:
    return [c for c in re.split(r"[\s,，;；、]+", text or "") if c]


class CentreForm(forms.Form):
    org = forms.CharField(label=gettext_lazy("主办工会"), max_length=100, help_text=ORG_HELP)
    name = forms.CharField(
        label=gettext_lazy("中心名称"),
        max_length=100,
        help_text=gettext_lazy("如“心灵港湾”职工心理咨询服务中心。"),
    )
    address = optional_text(gettext_lazy("地址"), max_length=200)
    phone = optional_text(gettext_lazy("服务电话"), max_length=40)
    functions = optional_text(
        gettext_lazy("功能设置"),
        max_length=300,
        hint=gettext_lazy("用顿号分隔，如：心理咨询室、心理测评区、团体活动区。"),
    )
    intro = optional_text(gettext_lazy("简介"), rows=3)
    supervisor = optional_text(
        gettext_lazy("督导账号（用户名）"), max_length=150,
        hint=gettext_lazy("督导须是本工会服务中心在岗的心理咨询师，不能指定自己；督导可查阅本中心的在线咨询内容，每次查阅都记入审计日志。"),
    )  # fmt: skip


class SupervisorForm(forms.Form):
    supervisor = optional_text(
        gettext_lazy("督导账号（用户名）"), max_length=150,
        hint=gettext_lazy("督导须是本工会服务中心在岗的心理咨询师，不能指定自己；督导可查阅本中心的在线咨询内容，每次查阅都记入审计日志。留空为不设督导。"),
    )  # fmt: skip


class UnitsForm(forms.Form):
    units = optional_text(
        gettext_lazy("挂钩企业（律师入企）"),
        rows=6,
        hint=gettext_lazy("每行一个企业的统一社会信用代码；留空为不再挂钩。"),
    )


class RoomForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("房间名称"), max_length=50, help_text=gettext_lazy("如 心理咨询室一。")
    )
    purpose = optional_text(gettext_lazy("用途"), max_length=100)


class ServiceForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=BLANK + ServiceKind.choices)
    name = forms.CharField(label=gettext_lazy("服务名称"), max_length=50)
    description = optional_text(gettext_lazy("说明"), max_length=300)


class ProviderForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=BLANK + ProviderKind.choices)
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    title = optional_text(
        gettext_lazy("资质"), max_length=100, hint=gettext_lazy("如 国家二级心理咨询师、执业律师。")
    )
    bio = optional_text(gettext_lazy("简介"), rows=3)
    services = forms.MultipleChoiceField(
        label=gettext_lazy("提供的服务"), widget=forms.CheckboxSelectMultiple, required=False
    )
    username = optional_text(
        gettext_lazy("登录账号（用户名）"),
        max_length=150,
        hint=gettext_lazy("填写后，本人可登录查看自己的预约和在线咨询。"),
    )
    units = optional_text(
        gettext_lazy("挂钩企业（律师入企）"), rows=3, hint=gettext_lazy("每行一个企业的统一社会信用代码。")
    )

    def __init__(self, *args: Any, services: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = [(str(pk), name) for pk, name in services]  # type: ignore[attr-defined]


class ScheduleForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=gettext_lazy("星期"), choices=[("", gettext_lazy("—— 请选择 ——")), *WEEKDAYS], coerce=int
    )
    start = forms.TimeField(label=gettext_lazy("开始时间"), widget=TIME)
    end = forms.TimeField(label=gettext_lazy("结束时间"), widget=TIME)
    slot_minutes = forms.IntegerField(
        label=gettext_lazy("每次时长（分钟）"), initial=50, min_value=1, max_value=1440
    )
    room = forms.TypedChoiceField(label=gettext_lazy("功能室"), required=False, coerce=int, empty_value=None)
    valid_from = forms.DateField(
        label=gettext_lazy("起始日期"), required=False, widget=DATE, help_text=gettext_lazy("不填为今天。")
    )
    valid_to = forms.DateField(
        label=gettext_lazy("截止日期"), required=False, widget=DATE, help_text=gettext_lazy("不填为长期。")
    )

    def __init__(self, *args: Any, rooms: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].choices = [("", "（不指定）"), *rooms]  # type: ignore[attr-defined]


class ExceptionForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("类型"),
        choices=[*BLANK, ("extra", gettext_lazy("加开时段")), ("cancelled", gettext_lazy("停诊时段"))],
    )
    on = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    start = forms.TimeField(label=gettext_lazy("开始时间"), widget=TIME)
    end = forms.TimeField(label=gettext_lazy("结束时间"), widget=TIME)
    slot_minutes = forms.IntegerField(
        label=gettext_lazy("每次时长（分钟，加开时）"), initial=50, min_value=1, max_value=1440
    )
    room = forms.TypedChoiceField(
        label=gettext_lazy("功能室（加开时）"), required=False, coerce=int, empty_value=None
    )
    note = optional_text(gettext_lazy("说明"), max_length=100)

    def __init__(self, *args: Any, rooms: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].choices = [("", "（不指定）"), *rooms]  # type: ignore[attr-defined]


class HolidayForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    name = forms.CharField(label=gettext_lazy("名称"), max_length=50, help_text=gettext_lazy("如 国庆节。"))


class ArticleForm(forms.Form):
    category = forms.ChoiceField(label=gettext_lazy("栏目"), choices=BLANK + Article.Category.choices)
    title = forms.CharField(label=gettext_lazy("标题"), max_length=100)
    body = forms.CharField(label=gettext_lazy("正文"), widget=forms.Textarea(attrs={"rows": 12}))
    publish = forms.BooleanField(label=gettext_lazy("发布（会员可见）"), required=False)


class BookForm(forms.Form):
    """A member's booking of one slot (the slot page posts it)."""

    provider = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": gettext_lazy("请选择咨询师或律师。")}
    )
    service = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": gettext_lazy("请选择服务项目。")}
    )
    starts_at = forms.DateTimeField(
        widget=forms.HiddenInput, input_formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M"],
        error_messages={"required": gettext_lazy("请选择要预约的时段。"), "invalid": gettext_lazy("请选择要预约的时段。")},
    )  # fmt: skip
    note = optional_text(gettext_lazy("想咨询的问题（选填）"), max_length=200)


class OfficerBookForm(forms.Form):
    id_number = forms.CharField(label=gettext_lazy("会员身份证号码"), max_length=30)
    service = forms.TypedChoiceField(label=gettext_lazy("服务"), coerce=int)
    starts_at = forms.ChoiceField(label=gettext_lazy("时段"))
    note = optional_text(gettext_lazy("预约说明"), max_length=200)

    def __init__(
        self, *args: Any, services: list[tuple[int, str]], slots: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = BLANK + services  # type: ignore[attr-defined]
        self.fields["starts_at"].choices = BLANK + slots  # type: ignore[attr-defined]


class CancelForm(forms.Form):
    reason = optional_text(gettext_lazy("取消原因（选填）"), max_length=200)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("满意度"), coerce=int, widget=forms.RadioSelect,
        choices=[(5, gettext_lazy("★★★★★ 非常满意")), (4, gettext_lazy("★★★★ 满意")), (3, gettext_lazy("★★★ 一般")), (2, gettext_lazy("★★ 不满意")), (1, gettext_lazy("★ 很不满意"))],
    )  # fmt: skip
    comment = optional_text(gettext_lazy("评价（选填）"), max_length=500, rows=3)


class ThreadForm(forms.Form):
    provider = forms.TypedChoiceField(label=gettext_lazy("咨询对象"), coerce=int)
    subject = forms.CharField(label=gettext_lazy("主题"), max_length=100)
    body = forms.CharField(label=gettext_lazy("内容"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args: Any, providers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = BLANK + providers  # type: ignore[attr-defined]


class ReplyForm(forms.Form):
    body = forms.CharField(label=gettext_lazy("留言"), widget=forms.Textarea(attrs={"rows": 4}))


class CaseForm(forms.Form):
    org = forms.CharField(label=gettext_lazy("受理工会"), max_length=100, help_text=ORG_HELP)
    category = forms.ChoiceField(label=gettext_lazy("类别"), choices=BLANK + CaseCategory.choices)
    intake_on = forms.DateField(
        label=gettext_lazy("受理日期"), required=False, widget=DATE, help_text=gettext_lazy("不填为今天。")
    )
    summary = forms.CharField(label=gettext_lazy("案情摘要"), widget=forms.Textarea(attrs={"rows": 4}))
    parties = forms.IntegerField(label=gettext_lazy("涉及职工人数"), min_value=0)
    migrants = forms.IntegerField(label=gettext_lazy("其中农民工人数"), min_value=0, required=False)
    party_names = optional_text(
        gettext_lazy("当事职工姓名"), max_length=500, hint=gettext_lazy("用顿号或空格分隔。")
    )
    employer_code = optional_text(
        gettext_lazy("用人单位统一社会信用代码"),
        max_length=40,
        hint=gettext_lazy("已登记的单位填代码，可关联单位台账。"),
    )
    employer_name = optional_text(gettext_lazy("用人单位名称"), max_length=200)
    lawyer = forms.TypedChoiceField(
        label=gettext_lazy("承办律师"), required=False, coerce=int, empty_value=None
    )
    amount_claimed = optional_text(gettext_lazy("诉求金额（元）"), max_length=30)

    def __init__(self, *args: Any, lawyers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lawyer"].choices = [("", "（暂不指派）"), *lawyers]  # type: ignore[attr-defined]


class CaseAdvanceForm(forms.Form):
    step = forms.ChoiceField(
        label=gettext_lazy("办理环节"),
        choices=[
            *BLANK,
            ("mediate", gettext_lazy("转入调解")),
            ("arbitrate", gettext_lazy("申请仲裁")),
            ("litigate", gettext_lazy("提起诉讼")),
        ],
    )
    on = forms.DateField(
        label=gettext_lazy("日期"), required=False, widget=DATE, help_text=gettext_lazy("不填为今天。")
    )
    note = optional_text(gettext_lazy("说明"), max_length=300)

    def __init__(self, *args: Any, offered: list[tuple[str, Any]], **kwargs: Any) -> None:
        """The list shows only the steps the case allows now (`case_abilities`); any of the three
        is read, so that a stale page's choice is answered by the action with its reason."""
        super().__init__(*args, **kwargs)
        self.fields["step"].widget.choices = [*BLANK, *offered]  # type: ignore[attr-defined]


class CaseCloseForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("结果"), choices=BLANK + CaseOutcome.choices)
    amount_recovered = optional_text(
        gettext_lazy("挽回经济损失（元）"), max_length=30, hint=gettext_lazy("如 38000.00；没有则留空。")
    )
    on = forms.DateField(
        label=gettext_lazy("结案日期"), required=False, widget=DATE, help_text=gettext_lazy("不填为今天。")
    )
    note = optional_text(gettext_lazy("结案说明"), max_length=300)


class StatsForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("年度"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "全部年度"), *[(y, f"{y}年") for y in years]]  # type: ignore[attr-defined]
