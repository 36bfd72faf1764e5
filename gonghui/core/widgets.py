"""The division picker: a GB/T 2260 division chosen as province → city → county, or typed as
its 6-digit code.

Three lists and the code box. Choosing in a list writes its code into the box (app.js) and the
picker comes back from the server with the next level's list filled (HTMX, `core:division_pick`);
typing a code does the same the other way. Only the code box is submitted, so the form takes and
checks the 6-digit code as before, and without script the code box (with the names offered as
the clerk types) still works. The table is the project's own (`kernel/data/divisions.csv`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel.codes import CodeError, division_check, division_choices, division_name, divisions_under

SAFE_ID = re.compile(r"^[A-Za-z_][\w-]{0,80}$")


@cache
def provinces() -> tuple[tuple[str, str], ...]:
    return tuple((code, name.split(" ")[0]) for code, name in division_choices() if code.endswith("0000"))


def _known(code: str) -> bool:
    return len(code) == 6 and code.isdigit() and division_name(code) is not None


def division_levels(code: str) -> tuple[str, str, str]:
    """The (province, city, county) codes a 6-digit code stands for; "" where it says nothing
    (440000 → (440000, "", ""); 441900 东莞市 → (440000, 441900, ""))."""
    code = (code or "").strip()
    if not (len(code) == 6 and code.isdigit()):
        return "", "", ""
    province = code[:2] + "0000"
    if not _known(province):
        return "", "", ""
    city = code[:4] + "00"
    city = city if city != province and _known(city) else ""
    county = code if code not in (province, city) and _known(code) else ""
    return province, city, county


def _options(choices: Any, current: str, blank: str) -> SafeString:
    rows = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((code, " selected" if code == current else "", name) for code, name in choices),
    )
    return format_html('<option value="">{}</option>{}', blank, rows)


def division_picker_html(*, name: str, value: Any, attrs: dict[str, Any]) -> SafeString:
    """The picker for a field called `name` holding `value` (the box keeps `attrs`: its id,
    `required`, aria attributes)."""
    code = "" if value is None else str(value).strip()
    input_id = str(attrs.get("id") or f"id_{name}")
    province, city, county = division_levels(code)
    cities = divisions_under(province) if province else []
    counties = divisions_under(city) if city else []
    query = {"name": name, "id": input_id}
    if attrs.get("required"):
        query["required"] = "1"
    url = f"{reverse('division_pick')}?{urlencode(query)}"
    box_attrs = {
        **{k: v for k, v in attrs.items() if k not in {"id", "list", "class"}},
        "inputmode": "numeric",
        "autocomplete": "off",
        "maxlength": "6",
        "pattern": "[0-9]{6}",
    }
    extra = format_html_join(
        "", ' {}="{}"', ((k, v) for k, v in box_attrs.items() if v not in (None, False) and v is not True)
    )
    flags = format_html_join("", " {}", ((k,) for k, v in box_attrs.items() if v is True))
    list_id = f"{input_id}-divisions"
    return format_html(
        '<div class="division-pick" id="{}-pick" hx-get="{}" hx-trigger="change" '
        'hx-include="find input.division-code" hx-target="this" hx-swap="outerHTML" hx-sync="this:replace">'
        '<select id="{}-province" data-division-level aria-label="{}">{}</select>'
        '<select id="{}-city" data-division-level aria-label="{}"{}>{}</select>'
        '<select id="{}-county" data-division-level aria-label="{}"{}>{}</select>'
        '<input type="text" class="division-code" name="{}" id="{}" value="{}" list="{}"{}{}>'
        '<datalist id="{}">{}</datalist>'
        "</div>",
        input_id, url,
        input_id, gettext("省（自治区、直辖市）"), _options(provinces(), province, gettext("—省—")),
        input_id, gettext("市（州）"), " disabled" if not cities else "", _options(cities, city, gettext("—市—")),
        input_id, gettext("县（区）"), " disabled" if not counties else "", _options(counties, county, gettext("—县（区）—")),
        name, input_id, code, list_id, extra, flags,
        list_id, format_html_join("", '<option value="{}">{}</option>', division_choices()),
    )  # fmt: skip


class DivisionPicker(forms.TextInput):
    """The widget of a division field: see the module's note."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return division_picker_html(name=name, value=value, attrs=self.build_attrs(self.attrs, attrs))


class DivisionField(forms.CharField):
    """A GB/T 2260 division: the 6-digit code of a known division (440105), which the clerk may
    pick province → city → county or type."""

    widget = DivisionPicker
    default_error_messages = {
        "invalid": gettext_lazy("行政区划代码无效，请依次选择省、市、县（区）或输入6位代码。")
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 6)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        code = super().clean(value)
        if not code:
            return code
        if not (len(code) == 6 and code.isdigit()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return division_check(code)
        except CodeError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
