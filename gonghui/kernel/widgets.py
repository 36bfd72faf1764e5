"""Form widgets every module may use."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .codes import division_choices


class DivisionInput(forms.TextInput):
    """A GB/T 2260 division code field that suggests divisions by name or code as the clerk
    types ("海珠" → 440105 广东省 广州市 海珠区): the browser's own list, no script."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        list_id = f"{(attrs or {}).get('id') or name}-divisions"
        field = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join("", '<option value="{}">{}</option>', division_choices())
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)
