"""Forms only parse; the actions clean and decide (figures are typed as text: "1,200" or "95.5%")."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel.formfields import optional_text

from .models import CompetitionKind, Direction, Entrant, Indicator, Measure
from .sources import SOURCE_CHOICES


class IndicatorForm(forms.Form):
    code = optional_text(gettext_lazy("编号"), max_length=20)
    name = forms.CharField(label=gettext_lazy("指标名称"), max_length=100)
    unit = optional_text(gettext_lazy("计量单位"), max_length=20, hint=gettext_lazy("如 户、元、%、家、人次"))
    source = forms.ChoiceField(label=gettext_lazy("数据来源"), choices=SOURCE_CHOICES)
    direction = forms.ChoiceField(label=gettext_lazy("方向"), choices=Direction.choices)
    measure = forms.ChoiceField(label=gettext_lazy("取值方式"), choices=Measure.choices)
    category = optional_text(
        gettext_lazy("类别"), max_length=40, hint=gettext_lazy("如 组织建设、维权帮扶、民生实事")
    )
    note = optional_text(gettext_lazy("说明"), max_length=300)


class TargetForm(forms.Form):
    indicator = forms.ModelChoiceField(label=gettext_lazy("指标"), queryset=Indicator.objects.none())
    year = forms.IntegerField(label=gettext_lazy("年度"))
    value = forms.CharField(label=gettext_lazy("年度目标值"))
    baseline = optional_text(
        gettext_lazy("年初基数"), hint=gettext_lazy("时点值指标（如建会率）填上年末数；累计值填0")
    )
    q1 = forms.IntegerField(label=gettext_lazy("一季度末累计完成%"), initial=25)
    q2 = forms.IntegerField(label=gettext_lazy("二季度末累计完成%"), initial=50)
    q3 = forms.IntegerField(label=gettext_lazy("三季度末累计完成%"), initial=75)
    q4 = forms.IntegerField(label=gettext_lazy("四季度末累计完成%"), initial=100)
    owner_name = forms.CharField(label=gettext_lazy("看管人"), max_length=50)
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=gettext_lazy("看管人账号"),
        queryset=None,
        required=False,
        help_text=gettext_lazy("预警通知发到该账号"),
    )  # type: ignore[arg-type]
    yellow_margin = forms.CharField(label=gettext_lazy("黄色预警：落后序时进度超过（%）"), initial="10")
    red_margin = forms.CharField(label=gettext_lazy("红色预警：落后序时进度超过（%）"), initial="20")

    def __init__(self, *args: Any, indicators: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]

    def data_for_action(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        d["milestones"] = [d.pop(q) for q in ("q1", "q2", "q3", "q4")]
        return d


class ReportForm(forms.Form):
    month = forms.TypedChoiceField(label=gettext_lazy("月份"), coerce=int, choices=())
    value = forms.CharField(
        label=gettext_lazy("完成值"), help_text=gettext_lazy("累计值指标填1月至本月的累计数")
    )
    evidence = optional_text(gettext_lazy("佐证材料说明"), rows=3)
    file = forms.FileField(
        label=gettext_lazy("佐证材料文件"),
        required=False,
        help_text=gettext_lazy("PDF、图片、Word、Excel 或 OFD，不超过 10 MB"),
    )

    def __init__(self, *args: Any, months: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [(m, f"{m}月") for m in months]  # type: ignore[attr-defined]


class CorrectForm(forms.Form):
    value = forms.CharField(label=gettext_lazy("更正后的完成值"))
    reason = forms.CharField(label=gettext_lazy("更正理由"), max_length=200)


class CascadeForm(forms.Form):
    """One value and one owner per union directly below."""

    def __init__(self, *args: Any, children: list[Any], existing: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = children
        for c in children:
            part = existing.get(c.pk)
            self.fields[f"value_{c.pk}"] = optional_text(
                gettext("%(name)s 目标值") % {"name": c.name}, initial=part.value if part else ""
            )
            self.fields[f"owner_{c.pk}"] = optional_text(
                gettext("%(name)s 看管人") % {"name": c.name},
                max_length=50,
                initial=part.owner_name if part else "",
            )

    def shares(self) -> list[Any]:
        from .actions import Share

        d = self.cleaned_data
        return [
            Share(c.pk, d.get(f"value_{c.pk}", ""), d.get(f"owner_{c.pk}", ""))
            for c in self.children
            if str(d.get(f"value_{c.pk}", "")).strip()
        ]


class CompetitionForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("竞赛名称"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=CompetitionKind.choices)
    starts_on = forms.DateField(
        label=gettext_lazy("开始日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=gettext_lazy("结束日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = optional_text(gettext_lazy("说明"), max_length=300)


class ItemForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("评分项目"), max_length=60)
    weight = forms.CharField(label=gettext_lazy("权重（%）"))
    max_score = forms.CharField(label=gettext_lazy("满分"), initial="100")


class EntrantForm(forms.Form):
    org: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=gettext_lazy("参赛单位"), queryset=None)  # type: ignore[arg-type]
    name = forms.CharField(label=gettext_lazy("参赛选手（队）"), max_length=60)
    work_unit = optional_text(gettext_lazy("工作单位"), max_length=100)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]


class ScoresForm(forms.Form):
    def __init__(self, *args: Any, items: list[Any], current: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for i in items:
            self.fields[f"item_{i.pk}"] = optional_text(
                gettext("%(name)s（满分%(max_score)s，权重%(weight)s%%）")
                % {"name": i.name, "max_score": i.max_score, "weight": i.weight},
                initial=current.get(i.pk, ""),
            )

    def scores(self) -> dict[int, Any]:
        return {i.pk: self.cleaned_data.get(f"item_{i.pk}", "") for i in self.items}


class AwardsForm(forms.Form):
    first = forms.IntegerField(label=gettext_lazy("一等奖名额"), initial=1, min_value=0)
    second = forms.IntegerField(label=gettext_lazy("二等奖名额"), initial=2, min_value=0)
    third = forms.IntegerField(label=gettext_lazy("三等奖名额"), initial=3, min_value=0)


class HonourForm(forms.Form):
    """Record the winners of chosen awards in the honour register."""

    kind: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=gettext_lazy("荣誉种类"), queryset=None, empty_label=gettext_lazy("—— 请选择 ——")
    )
    awards = forms.MultipleChoiceField(
        label=gettext_lazy("奖项"),
        choices=Entrant.Award.choices,
        initial=["first"],
        widget=forms.CheckboxSelectMultiple,
    )
    awarded_on = forms.DateField(
        label=gettext_lazy("授予日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    doc_no = optional_text(gettext_lazy("表彰文号"), max_length=60)

    def __init__(self, *args: Any, kinds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds  # type: ignore[attr-defined]
