"""Forms parse input only; every rule is checked by the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from gonghui.core.widgets import DivisionField
from gonghui.kernel.formfields import optional_text

from .models import Kind, Level, Org

FIELDS = [
    "name", "short_name", "kind", "division", "credit_code", "legal_person", "legal_cert_no",
    "legal_cert_date", "bank_name", "address", "founded_on",
]  # fmt: skip
PICK_ERRORS = {"required": "请先查找并选择一个工会。", "invalid": "请先查找并选择一个工会。"}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrgForm(forms.ModelForm):
    bank_account = optional_text(
        gettext_lazy("银行账号"), max_length=40, hint=gettext_lazy("加密保存；留空表示不修改。")
    )

    class Meta:
        model = Org
        fields = FIELDS
        widgets = {"legal_cert_date": DATE, "founded_on": DATE}
        field_classes = {"division": DivisionField}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Uniqueness and codes are the action's business: it says why in Chinese.
        self.fields["credit_code"].validators = []
        self.fields["kind"].choices = Kind.choices  # type: ignore[attr-defined]

    def validate_unique(self) -> None:
        pass

    def values(self) -> dict[str, Any]:
        data = {k: self.cleaned_data[k] for k in FIELDS}
        if self.cleaned_data.get("bank_account"):
            data["bank_account"] = self.cleaned_data["bank_account"]
        return data


class OrgCreateForm(OrgForm):
    level = forms.ChoiceField(label=gettext_lazy("层级"), choices=Level.choices)

    class Meta(OrgForm.Meta):
        fields = ["level", *FIELDS]


class ParentPickForm(forms.Form):
    new_parent = forms.IntegerField(
        label=gettext_lazy("新的上级工会"), widget=forms.HiddenInput, error_messages=PICK_ERRORS
    )
    on = forms.DateField(label=gettext_lazy("生效日期"), required=False, widget=DATE)
    note = optional_text(gettext_lazy("说明"), max_length=200)


class MergeForm(forms.Form):
    target = forms.IntegerField(
        label=gettext_lazy("并入的工会"), widget=forms.HiddenInput, error_messages=PICK_ERRORS
    )
    on = forms.DateField(label=gettext_lazy("生效日期"), required=False, widget=DATE)
    note = optional_text(gettext_lazy("说明"), max_length=200)


class SplitForm(forms.Form):
    new_name = forms.CharField(label=gettext_lazy("新工会名称"), max_length=100)
    children = forms.MultipleChoiceField(
        label=gettext_lazy("随新工会转出的下级组织"), required=False, widget=forms.CheckboxSelectMultiple
    )
    on = forms.DateField(label=gettext_lazy("生效日期"), required=False, widget=DATE)


class DissolveForm(forms.Form):
    reason = optional_text(gettext_lazy("撤销原因"), max_length=200, rows=3)
    on = forms.DateField(label=gettext_lazy("生效日期"), required=False, widget=DATE)
