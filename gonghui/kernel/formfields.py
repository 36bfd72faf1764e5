"""The form fields every module declares the same way.

note = optional_text(gettext_lazy("备注"), max_length=200)                     # one line, may be blank
reason = optional_text(gettext_lazy("注销原因"), max_length=200, rows=3)       # a few lines
category = optional_text(gettext_lazy("类别"), max_length=40, hint=gettext_lazy("如 组织建设"))
"""

from __future__ import annotations

from typing import Any

from django import forms


def optional_text(
    label: Any, *, max_length: int | None = None, hint: Any = "", rows: int = 0, **options: Any
) -> forms.CharField:
    """Text the person may leave blank: one line, or a box of `rows` lines (a note, a reason),
    with `hint` under it (如：…)."""
    if rows:
        options["widget"] = forms.Textarea(attrs={"rows": rows})
    return forms.CharField(label=label, max_length=max_length, required=False, help_text=hint, **options)
