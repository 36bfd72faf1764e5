"""Forms parse input only; every rule is checked by the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from gonghui.kernel.formfields import optional_text

from .actions import MAX_PHOTOS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BODY = forms.Textarea(attrs={"rows": 14})
SECTIONS_HELP = "每行一个栏目，按刊出顺序排列。"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class SubmissionForm(forms.Form):
    bulletin = forms.TypedChoiceField(label=gettext_lazy("报送刊物"), coerce=int)
    title = optional_text(gettext_lazy("标题"), max_length=200)
    body = optional_text(gettext_lazy("正文"), hint=gettext_lazy("每段一行。"), widget=BODY)
    unit = optional_text(
        gettext_lazy("供稿单位"), max_length=100, hint=gettext_lazy("署名中的单位，留空则用本单位名称。")
    )
    authors = optional_text(
        gettext_lazy("作者"), max_length=100, hint=gettext_lazy("多位作者用空格或顿号分隔。")
    )
    photos = MultipleFileField(
        label=gettext_lazy("图片"), required=False, help_text=format_lazy(gettext_lazy("JPG 或 PNG，每张不超过 5 MB，最多 {n} 张。"), n=MAX_PHOTOS),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png", "multiple": True}),
    )  # fmt: skip


class SubmissionEditForm(SubmissionForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["bulletin"]


class BulletinForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("刊名"), max_length=40, initial="工作简报")
    office = optional_text(
        gettext_lazy("编印单位"), max_length=60, hint=gettext_lazy("留空则为“本工会名称 + 办公室”。")
    )
    sections = forms.CharField(
        label=gettext_lazy("默认栏目"), widget=forms.Textarea(attrs={"rows": 4}), help_text=SECTIONS_HELP,
        initial="各地动态\n工作交流\n短讯速递",
    )  # fmt: skip

    def section_list(self) -> list[str]:
        return self.cleaned_data["sections"].splitlines()


class IssueForm(forms.Form):
    number = forms.IntegerField(
        label=gettext_lazy("期号"), min_value=1, help_text=gettext_lazy("第几期（每年从第 1 期编起）。")
    )
    date = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    masthead = optional_text(gettext_lazy("刊头"), max_length=40)
    office = optional_text(gettext_lazy("编印单位"), max_length=60)
    sections = forms.CharField(
        label=gettext_lazy("栏目"), widget=forms.Textarea(attrs={"rows": 4}), help_text=SECTIONS_HELP
    )

    def section_list(self) -> list[str]:
        return self.cleaned_data["sections"].splitlines()


class IssueCreateForm(IssueForm):
    include_adopted = forms.BooleanField(
        label=gettext_lazy("编入已采用、尚未刊出的稿件"), required=False, initial=True
    )


class ArticleForm(forms.Form):
    section = forms.ChoiceField(label=gettext_lazy("栏目"), required=False)
    title = optional_text(gettext_lazy("标题"), max_length=200)
    body = optional_text(gettext_lazy("正文"), hint=gettext_lazy("每段一行。"), widget=BODY)
    source = optional_text(
        gettext_lazy("署名"),
        max_length=200,
        hint=gettext_lazy("刊于文末括号内，如：茂名市总工会办公室  梁冲"),
    )

    def __init__(self, *args: Any, sections: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(s, s) for s in sections]  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("简报文本文件"),
        allow_empty_file=True,
        help_text=gettext_lazy("纯文本（.txt），UTF-8 或 GB18030 编码。"),
    )
    number = forms.IntegerField(label=gettext_lazy("期号"), min_value=1)
    date = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
