"""Demo data of the home page: last month's key figures, so that the officers' homes show a
change since last month from the first day (a live system has them from its periodic work)."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from gonghui.kernel import cleaning

from .figures import (
    KEY_FIGURES,
    figures_count,
    figures_keep,
    figures_store,
    previous_month,
    unions_with_figures,
)

_PERCENT = {f.key for f in KEY_FIGURES if f.percent}


def _a_month_earlier(key: str, value: int | Decimal, rng: random.Random) -> int | Decimal:
    """A believable figure for the end of last month: a little lower than today's, mostly."""
    if key in _PERCENT:
        return max(Decimal(0), Decimal(value) - Decimal(rng.randint(-3, 12)) / 10)
    if not value:
        return 0
    return max(0, int(value) - rng.randint(-1, max(1, int(value) // 40)))


def figures_demo_load(*, progress: Callable[[str], object] = print) -> None:
    today = cleaning.today()
    last = previous_month(today)
    n = 0
    for org in unions_with_figures():
        rng = random.Random(org.pk)
        now = figures_count(org, on=today)
        figures_store(org, month=last, values={k: _a_month_earlier(k, v, rng) for k, v in now.items()})
        n += 1
    figures_keep(on=today)
    progress(f"月末关键数据：{n} 个工会的上月数据")
