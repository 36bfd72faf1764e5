"""The “两个普遍” table's rows, written in Python.

A street's report has a row per union under it (a thousand in a large street) and fifteen cells
a row: written by the template language that took some 300 ms a page, most of the page's time
(bench/load.py). The cells read as the page's statistics do (`grouped`: 1,348 and 66.67%).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gonghui.core.templatetags.gonghui import grouped

from ..report import COLUMNS, Figures, TwoUniversalReport

register = template.Library()


def _cells(figures: Figures, decimal: str) -> str:
    out = []
    for key, _header, kind in COLUMNS:
        value = getattr(figures, key)
        if value is None:
            text = "—"
        elif kind == "r":
            text = f"{str(value).replace('.', decimal)}%"
        else:
            text = grouped(value)
        out.append(f'<td class="num">{text}</td>')
    return "".join(out)


@register.simple_tag
def report_rows(report: TwoUniversalReport, query: str) -> SafeString:
    """The body of the table: a row per union (a link down a level, or to its units), then the
    total."""
    listing, decimal = reverse("units:list"), get_format("DECIMAL_SEPARATOR")
    rows: list[Any] = []
    for r in report.rows:
        href = f"?org={r.org.pk}&{query}" if r.has_children else f"{listing}?within={r.org.pk}"
        rows.append(
            format_html(
                '<tr{}><td><a href="{}">{}</a></td>',
                mark_safe(' class="own"') if r.own else "",
                href,
                r.label,
            )
        )
        rows.append(_cells(r.figures, decimal) + "</tr>\n")
    if not report.rows:
        rows.append(
            format_html('<tr><td colspan="15" class="muted">{}</td></tr>\n', _("该范围内尚无单位数据"))
        )
    rows.append(
        format_html('<tr class="total"><td>{}</td>', _("合计")) + _cells(report.total, decimal) + "</tr>"
    )
    return mark_safe("".join(rows))  # every piece above is escaped, or is a number
