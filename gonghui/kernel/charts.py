"""The one look of a chart of figures side by side per union (or subject): bars and lines over
category names set at a slant so long union names stay readable, the legend on top. ECharts
options are data only: the Content-Security-Policy forbids functions and inline scripts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.functional import Promise

StrOrPromise = str | Promise


def categories_chart(
    labels: Sequence[str],
    *,
    y_axis: dict[str, Any] | list[dict[str, Any]],
    series: list[dict[str, Any]],
    left: int = 50,
    right: int = 60,
    **extra: Any,
) -> dict[str, Any]:
    """An ECharts option: one category per label, `y_axis` (one axis, or two: a series on the
    second says `"yAxisIndex": 1`), and `series`; `extra` adds top-level keys (a colour list)."""
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": left, "right": right, "bottom": 90, "top": 40},
        "xAxis": {"type": "category", "data": list(labels), "axisLabel": {"interval": 0, "rotate": 30}},
        "yAxis": y_axis,
        "series": series,
        **extra,
    }


def bar(name: StrOrPromise, data: Sequence[Any], **style: Any) -> dict[str, Any]:
    return {"name": name, "type": "bar", "data": list(data), **style}


def line(name: StrOrPromise, data: Sequence[Any], **style: Any) -> dict[str, Any]:
    return {"name": name, "type": "line", "data": list(data), **style}
