"""Forms parse input only; every rule is checked by the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from gonghui.kernel.formfields import optional_text

from .actions import ANSWERS, SEXES
from .models import ORG_LEVELS, CareKind, Category, HonourKind, Level, StudioLevel

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK: list[Any] = [("", gettext_lazy("—— 请选择 ——"))]


class KindChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.awarding_body}）"


class RoundForm(forms.Form):
    kind = KindChoiceField(
        label=gettext_lazy("荣誉种类"),
        queryset=HonourKind.objects.none(),
        empty_label=gettext_lazy("—— 请选择 ——"),
    )
    title = forms.CharField(
        label=gettext_lazy("评选名称"),
        max_length=100,
        help_text=gettext_lazy("如：东莞市第八届劳动模范评选。"),
    )
    year = forms.CharField(label=gettext_lazy("年度"), max_length=4)
    places = forms.CharField(label=gettext_lazy("名额"), max_length=6)
    nominate_until = forms.DateField(label=gettext_lazy("推荐截止日期"), widget=DATE)
    notice_days = forms.CharField(label=gettext_lazy("公示天数（工作日）"), max_length=2, initial="7")
    frontline_min_pct = optional_text(
        gettext_lazy("一线职工比例不低于（%）"), max_length=3, hint=gettext_lazy("不限则留空。")
    )
    leaders_max = optional_text(
        gettext_lazy("企业负责人不超过（名）"), max_length=6, hint=gettext_lazy("不限则留空。")
    )
    objection_contact = optional_text(
        gettext_lazy("异议受理联系方式"),
        max_length=100,
        hint=gettext_lazy("公示页面上公布，如：市总工会劳动经济部 0769-22222222。"),
    )

    def __init__(self, *args: Any, kinds: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds if kinds is not None else HonourKind.objects.none()  # type: ignore[attr-defined]


class QuotaForm(forms.Form):
    org = forms.TypedChoiceField(label=gettext_lazy("工会"), coerce=int, choices=())
    places = forms.CharField(label=gettext_lazy("名额"), max_length=6)

    def __init__(self, *args: Any, unions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = BLANK + [(o.pk, o.name) for o in unions]  # type: ignore[attr-defined]


class NominationForm(forms.Form):
    member = forms.TypedChoiceField(label=gettext_lazy("会员"), coerce=int, choices=(), required=False, empty_value=None,
                                    help_text=gettext_lazy("从会员实名库选择；集体或非会员不选。"))  # fmt: skip
    name = optional_text(gettext_lazy("姓名（集体名称）"), max_length=100)
    sex = forms.ChoiceField(label=gettext_lazy("性别"), choices=BLANK + SEXES, required=False)
    unit = optional_text(gettext_lazy("工作单位"), max_length=100)
    job = optional_text(gettext_lazy("职务（岗位）"), max_length=60)
    frontline = forms.BooleanField(
        label=gettext_lazy("一线职工（含一线管理人员）"), required=False, initial=True
    )
    leader = forms.BooleanField(label=gettext_lazy("企业负责人"), required=False)
    deeds = optional_text(
        gettext_lazy("主要事迹"), rows=8, hint=gettext_lazy("公示时公布，请勿填写身份证号、电话等个人信息。")
    )

    def __init__(self, *args: Any, members: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if members:
            self.fields["member"].choices = [("", "—— 不选 ——")] + [  # type: ignore[attr-defined]
                (m.pk, f"{m.name}（{m.employer_name or m.org.name}）") for m in members
            ]
        else:
            del self.fields["member"]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("理由"), max_length=200)


class ConferForm(forms.Form):
    doc_no = forms.CharField(
        label=gettext_lazy("表彰文号"), max_length=60, help_text=gettext_lazy("如：东府〔2026〕18号。")
    )
    conferred_on = forms.DateField(label=gettext_lazy("表彰日期"), widget=DATE)


class ObjectionForm(forms.Form):
    received_on = forms.DateField(label=gettext_lazy("受理日期"), widget=DATE)
    raised_by = optional_text(gettext_lazy("反映人（可匿名）"), max_length=50)
    content = optional_text(gettext_lazy("异议内容"), rows=4)


class PublicObjectionForm(forms.Form):
    """Anyone's objection on the public 公示 page."""

    nomination = forms.TypedChoiceField(label=gettext_lazy("异议对象"), coerce=int, choices=())
    content = optional_text(gettext_lazy("异议内容及理由"), max_length=2000, rows=4)
    raised_by = optional_text(gettext_lazy("反映人姓名（可不填）"), max_length=50)
    contact = optional_text(gettext_lazy("联系电话或地址"), max_length=100)

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [*BLANK, *people]  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=gettext_lazy("答复结论"), choices=BLANK + ANSWERS)
    finding = optional_text(gettext_lazy("核查情况"), rows=3)


class HonourForm(forms.Form):
    kind = KindChoiceField(
        label=gettext_lazy("荣誉种类"),
        queryset=HonourKind.objects.none(),
        empty_label=gettext_lazy("—— 请选择 ——"),
    )
    member = forms.TypedChoiceField(
        label=gettext_lazy("会员"), coerce=int, choices=(), required=False, empty_value=None
    )
    name = optional_text(gettext_lazy("姓名（集体名称）"), max_length=100)
    sex = forms.ChoiceField(label=gettext_lazy("性别"), choices=BLANK + SEXES, required=False)
    unit = optional_text(gettext_lazy("获评时工作单位"), max_length=100)
    job = optional_text(gettext_lazy("获评时职务（岗位）"), max_length=60)
    awarded_on = forms.DateField(label=gettext_lazy("授予日期"), widget=DATE)
    doc_no = optional_text(gettext_lazy("表彰文号"), max_length=60)
    note = optional_text(gettext_lazy("备注"), max_length=200)

    def __init__(self, *args: Any, kinds: Any = None, members: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds if kinds is not None else HonourKind.objects.none()  # type: ignore[attr-defined]
        if members:
            self.fields["member"].choices = [("", "—— 不选 ——")] + [  # type: ignore[attr-defined]
                (m.pk, f"{m.name}（{m.employer_name or m.org.name}）") for m in members
            ]
        else:
            del self.fields["member"]


class KindForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("荣誉名称"), max_length=50)
    level = forms.ChoiceField(label=gettext_lazy("级别"), choices=BLANK + Level.choices)
    category = forms.ChoiceField(label=gettext_lazy("类别"), choices=BLANK + Category.choices)
    awarding_body = forms.CharField(label=gettext_lazy("授予机关"), max_length=50)
    collective = forms.BooleanField(label=gettext_lazy("集体荣誉"), required=False)
    organiser_level = forms.ChoiceField(
        label=gettext_lazy("组织评选的工会级别"),
        choices=[("", gettext_lazy("任一工会")), *ORG_LEVELS],
        required=False,
    )
    nominator_level = forms.ChoiceField(
        label=gettext_lazy("推荐单位最低级别"),
        choices=[("", gettext_lazy("各级工会均可推荐")), *ORG_LEVELS],
        required=False,
    )


class CareForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=BLANK + CareKind.choices)
    on = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    amount = optional_text(gettext_lazy("金额（元）"), max_length=20)
    note = optional_text(gettext_lazy("说明"), max_length=200)
    household = forms.TypedChoiceField(label=gettext_lazy("困难职工档案"), coerce=int, choices=(), required=False, empty_value=None,
                                       help_text=gettext_lazy("困难劳模帮扶必选（在困难帮扶中建档，不重复建档）。"))  # fmt: skip

    def __init__(self, *args: Any, households: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = [("", "—— 不选 ——")] + [  # type: ignore[attr-defined]
            (h.pk, f"{h.name}（{h.file_no}）") for h in households
        ]


class StudioForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("工作室名称"), max_length=100)
    lead_name = forms.CharField(label=gettext_lazy("领衔人"), max_length=50)
    unit = forms.CharField(label=gettext_lazy("所在单位"), max_length=100)
    field = forms.CharField(label=gettext_lazy("创新领域"), max_length=50)
    level = forms.ChoiceField(label=gettext_lazy("命名级别"), choices=BLANK + StudioLevel.choices)
    named_on = forms.DateField(label=gettext_lazy("命名日期"), widget=DATE)
    members = optional_text(gettext_lazy("成员人数"), max_length=6)


class StudioYearForm(forms.Form):
    year = forms.CharField(label=gettext_lazy("年度"), max_length=4)
    patents = optional_text(gettext_lazy("专利（项）"), max_length=6)
    improvements = optional_text(gettext_lazy("技术革新（项）"), max_length=6)
    savings = optional_text(gettext_lazy("创造效益（元）"), max_length=20)
    trained = optional_text(gettext_lazy("培训人数"), max_length=8)


class AttachmentForm(forms.Form):
    title = optional_text(
        gettext_lazy("材料名称"), max_length=100, hint=gettext_lazy("如：事迹材料、推荐审批表。")
    )
    file = forms.FileField(label=gettext_lazy("文件"))


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("劳模花名册（xlsx、xls 或 csv）"))
