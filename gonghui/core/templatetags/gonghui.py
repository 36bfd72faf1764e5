from __future__ import annotations

from typing import Any

from django import template
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
