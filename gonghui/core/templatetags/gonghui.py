from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gonghui.kernel.registry import HIDDEN_DETAILS, registry

register = template.Library()


def _show(value: Any) -> str:
    if value in ("", None):
        return _("（空）")
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, list):
        return _("、").join(_show(v) for v in value) or _("（无）")
    # A stored word (a status, a kind) is a catalogue message: the reader sees it in their
    # language. Names and other data are not in the catalogue and come back as they are.
    if isinstance(value, str) and " → " in value:  # a workflow's move: 待批准 → 正常
        return " → ".join(_show(part) for part in value.split(" → "))
    return _(value) if isinstance(value, str) and value else str(value)


def _colon() -> str:
    return ": " if (get_language() or "").startswith("en") else "："


@register.filter
def change_lines(entry: Any) -> list[str]:
    """An audit row's detail (or any history detail) as lines a person reads:
    地址：（空） → 海珠区赤岗路1号. Keys are named in the reader's language, as the module that
    owns the row's action declares them."""
    action = getattr(entry, "action", "")
    detail = entry.detail if hasattr(entry, "detail") else entry
    if not isinstance(detail, dict):
        return [str(detail)]
    before, after = detail.get("before"), detail.get("after")
    lines: list[str] = []
    if isinstance(before, dict) and isinstance(after, dict):
        for key in after:
            lines.append(
                f"{registry.detail_label(key, action)}{_colon()}{_show(before.get(key))} → {_show(after[key])}"
            )
    for key, value in detail.items():
        if key in {"before", "after"} or key in HIDDEN_DETAILS:
            continue
        lines.append(f"{registry.detail_label(key, action)}{_colon()}{_show(value)}")
    return lines


@register.filter
def action_label(action: str) -> str:
    """An audited action's name in the reader's language, as its module declares it."""
    return registry.audit_label(action)


@register.filter
def selected(current: Any, value: Any) -> str:
    """` selected` on the <option> whose value is the current one (filters keep their choice):
    `<option value="{{ v }}"{{ request.GET.level|selected:v }}>`. The current value goes first:
    a missing one is simply empty there, where as a filter argument it would be an error."""
    return " selected" if str(value) == str(current if current is not None else "") else ""


@register.filter
def checked(current: Any, value: Any) -> str:
    """` checked` on the radio or checkbox whose value is the current one (or among them);
    the current value goes first, as with `selected`."""
    if isinstance(current, list | tuple | set | frozenset):
        return " checked" if str(value) in {str(c) for c in current} else ""
    return " checked" if str(value) == str(current if current is not None else "") else ""


def _figure(value: Any) -> str:
    """A figure as statistics print it in either language: 1,204 and 12.50; text (— or 3 / 5)
    as it is."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal | float):
        return grouped(value)
    return str(value)


def grouped(value: int | Decimal | float) -> str:
    """Thousands grouped with commas whatever the language (zh-hans has no separator of its own)."""
    return f"{value:,}"


@register.inclusion_tag("ui/stat.html")
def stat(
    value: Any,
    label: Any,
    url: str = "",
    change: Any = None,
    key: str = "",
    id: str = "",
    suffix: str = "",
    of: Any = None,
    part: Any = None,
    whole: Any = None,
) -> dict[str, Any]:
    """The one summary card: a figure, what it counts, optionally a link and its change since
    last month (`core.figures.Change`). `{% stat report.rate _("采用率") suffix="%" %}`; a
    missing figure shows as —; `of=` shows a part of a whole (3 / 5) as the figure, `part=` and
    `whole=` under the label (a rate and what it is made of)."""
    shown = _figure(value)
    if of is not None and shown != "—":
        shown = f"{shown} / {_figure(of)}"
    return {
        "tag": "a" if url else "div",
        "value": f"{shown}{suffix}" if shown != "—" else shown,
        "label": label,
        "url": url,
        "change": change,
        "ratio": f"{_figure(part)} / {_figure(whole)}" if part is not None and whole is not None else "",
        "key": key,
        "id": id,
    }


@register.simple_tag
def navlink(target: str, label: Any, here: Any = None, key: Any = None, **params: Any) -> SafeString:
    """One sub-menu entry: a link to a URL name (or a path) with the given query parameters
    (empty ones left out), marked `aria-current="page"` when `here == key`: the one way a
    sub-menu shows where the person is.
    `{% navlink "assistance:funds" _("专项资金") current "funds" org=org.pk %}`."""
    from django.urls import reverse
    from django.utils.http import urlencode

    url = target if target.startswith("/") else reverse(target)
    query = {k: v for k, v in params.items() if v not in (None, "")}
    if query:
        url = f"{url}{'&' if '?' in url else '?'}{urlencode(query)}"
    if here not in (None, "") and key is not None and str(here) == str(key):
        return format_html('<a href="{}" aria-current="page">{}</a>', url, label)
    return format_html('<a href="{}">{}</a>', url, label)


@register.filter
def pick(mapping: Any, key: Any) -> Any:
    """`mapping[key]`, or None: `{{ report.total.tiers|pick:tier }}`."""
    try:
        return mapping.get(key) if hasattr(mapping, "get") else mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
