"""Forms parse what is typed; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from gonghui.kernel.formfields import optional_text
from gonghui.members.models import Member

from .models import Benefit, Contribution, Line, Plan


class EnrolmentForm(forms.Form):
    plan = forms.ModelChoiceField(
        label=gettext_lazy("互助保障计划"), queryset=Plan.objects.none(), empty_label=gettext_lazy("请选择")
    )
    year = forms.IntegerField(label=gettext_lazy("参保年度"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]


class PaymentForm(forms.Form):
    amount = forms.CharField(label=gettext_lazy("缴费金额（元）"), max_length=20)
    paid_on = forms.DateField(label=gettext_lazy("到账日期"), widget=forms.DateInput(attrs={"type": "date"}))
    method = forms.ChoiceField(label=gettext_lazy("缴费方式"), choices=Contribution.Method.choices)
    reference = optional_text(gettext_lazy("凭证号"), max_length=60)


class ClaimForm(forms.Form):
    line = forms.ModelChoiceField(
        label=gettext_lazy("参保人员"), queryset=Line.objects.none(), empty_label=gettext_lazy("请选择")
    )
    benefit = forms.ModelChoiceField(
        label=gettext_lazy("给付项目"), queryset=Benefit.objects.none(), empty_label=gettext_lazy("请选择")
    )
    event_date = forms.DateField(
        label=gettext_lazy("发病或出险日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    expense = optional_text(gettext_lazy("合规医疗费用（元）"), max_length=20)
    days = optional_text(gettext_lazy("住院天数"), max_length=4)
    description = optional_text(gettext_lazy("情况说明"), max_length=300, rows=3)

    def __init__(self, *args: Any, lines: Any, benefits: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines  # type: ignore[attr-defined]
        line_field: Any = self.fields["line"]
        line_field.label_from_instance = lambda line: (
            f"{line.insured}（{line.child_id_number_masked or line.member.id_number_masked}）"
        )
        self.fields["benefit"].queryset = benefits  # type: ignore[attr-defined]
        self.fields["benefit"].label_from_instance = lambda b: f"{b.plan.name} · {b.name}"  # type: ignore[attr-defined]


class ChildForm(forms.Form):
    """A member's child for a children's plan."""

    parent = forms.ModelChoiceField(
        label=gettext_lazy("会员（父母）"), queryset=Member.objects.none(), empty_label=gettext_lazy("请选择")
    )
    child_name = forms.CharField(label=gettext_lazy("子女姓名"), max_length=50)
    child_id_number = forms.CharField(label=gettext_lazy("子女身份证号码"), max_length=30)

    def __init__(self, *args: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["parent"].label_from_instance = lambda m: f"{m.name}（{m.id_number_masked}）"  # type: ignore[attr-defined]


class RejectForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("不予给付理由"), max_length=200)


class AttachForm(forms.Form):
    material = forms.ChoiceField(label=gettext_lazy("材料"), choices=())
    file = forms.FileField(label=gettext_lazy("文件（PDF、JPG 或 PNG）"))

    def __init__(self, *args: Any, materials: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["material"].choices = [(m, m) for m in materials]  # type: ignore[attr-defined]
