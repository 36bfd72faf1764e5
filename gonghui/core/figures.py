"""The key figures of a union's whole subtree on the home page, with their change since last
month.

Today's figure is counted now; last month's is the stored month-end figure (`MonthFigure`).
`figures_keep` (the worker's periodic work) writes the current month's row of every union
that has sub-unions, again and again until the month ends, so that the row left standing is
the month-end figure. A union with no stored figure for last month shows today's figure alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel import cleaning

from .models import MonthFigure

Number = int | Decimal


def month_start(on: dt.date) -> dt.date:
    return on.replace(day=1)


def previous_month(on: dt.date) -> dt.date:
    """The first day of the month before `on`'s."""
    return (month_start(on) - dt.timedelta(days=1)).replace(day=1)


# ----------------------------------------------------------------------------- the figures


def _subtree(org: Any, field: str = "org") -> Q:
    return Q(**{f"{field}__path__startswith": org.path})


def _unions(org: Any, on: dt.date, memo: dict[str, Any]) -> Number | None:
    from gonghui.orgs.selectors import org_active_below

    return org_active_below(org)


def _two_universal(org: Any, on: dt.date, memo: dict[str, Any]) -> Any:
    """The union's "两个普遍" totals (from the tallies when they are fresh, else the register),
    counted once for the figures that read them."""
    if "two_universal" not in memo:
        from gonghui.units.report import two_universal_report

        memo["two_universal"] = two_universal_report(actor=None, org=org, on=on).total
    return memo["two_universal"]


def _members(org: Any, on: dt.date, memo: dict[str, Any]) -> Number | None:
    members = _two_universal(org, on, memo).members
    return None if members is None else int(members)


def _union_rate(org: Any, on: dt.date, memo: dict[str, Any]) -> Number | None:
    return _two_universal(org, on, memo).union_rate


def _membership_rate(org: Any, on: dt.date, memo: dict[str, Any]) -> Number | None:
    return _two_universal(org, on, memo).membership_rate


def _households_relieved(org: Any, on: dt.date, memo: dict[str, Any]) -> Number | None:
    """Households paid assistance this year, by application or in a batch (each once)."""
    from gonghui.assistance.models import Application, Payment

    since = on.replace(month=1, day=1)
    when = Q(paid_on__gte=since, paid_on__lte=on) & _subtree(org)
    by_application = Application.objects.filter(when, state="paid").values("household_id").order_by()
    in_a_batch = Payment.objects.filter(when, status="paid").values("household_id").order_by()
    return by_application.union(in_a_batch).count()  # UNION: each household once


def _cases_closed(org: Any, on: dt.date, memo: dict[str, Any]) -> Number | None:
    from gonghui.services.models import RightsCase as Case

    since = on.replace(month=1, day=1)
    return Case.objects.filter(_subtree(org), closed_on__gte=since, closed_on__lte=on).count()


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str | Promise
    count: Callable[[Any, dt.date, dict[str, Any]], Number | None]  # (org, on, memo)
    url: Callable[[Any], str]
    percent: bool = False


KEY_FIGURES: tuple[KeyFigure, ...] = (
    KeyFigure("members", gettext_lazy("会员（人）"), _members, lambda o: f"{reverse('members:list')}?within={o.pk}"),
    KeyFigure("unions", gettext_lazy("下级工会（个）"), _unions, lambda o: f"{reverse('orgs:list')}?within={o.pk}"),
    KeyFigure("union_rate", gettext_lazy("建会率"), _union_rate, lambda o: f"{reverse('units:report')}?org={o.pk}", percent=True),
    KeyFigure("membership_rate", gettext_lazy("入会率"), _membership_rate, lambda o: f"{reverse('units:report')}?org={o.pk}", percent=True),
    KeyFigure("households_relieved", gettext_lazy("本年帮扶困难家庭（户）"), _households_relieved, lambda o: f"{reverse('assistance:report')}?org={o.pk}"),
    KeyFigure("cases_closed", gettext_lazy("本年结案维权案件（件）"), _cases_closed, lambda o: f"{reverse('services:cases')}?within={o.pk}"),
)  # fmt: skip


# --------------------------------------------------------------------------- the change


@dataclass(frozen=True)
class Change:
    """A figure's change since last month, as a person reads it: ▲ +1,204 (a rate: ▲ +0.8 个百分点)."""

    delta: Decimal
    percent: bool = False

    @property
    def direction(self) -> str:
        return "up" if self.delta > 0 else "down" if self.delta < 0 else "flat"

    @property
    def arrow(self) -> str:
        return {"up": "▲", "down": "▼", "flat": "—"}[self.direction]

    @property
    def text(self) -> str:
        magnitude = abs(self.delta)
        if self.percent:
            shown = gettext("%(n)s 个百分点") % {"n": f"{magnitude:.1f}"}
        else:
            shown = f"{int(magnitude) if magnitude == magnitude.to_integral_value() else magnitude:,}"
        sign = "+" if self.delta > 0 else "−" if self.delta < 0 else "±"
        return f"{sign}{shown}"


@dataclass(frozen=True)
class FigureNow:
    key: str
    label: str
    value: Number
    url: str
    change: Change | None
    suffix: str = ""


def _as_decimal(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def key_figures(org: Any, *, on: dt.date | None = None) -> list[FigureNow]:
    """The union's key figures today with their change since the end of last month (none where
    last month was not stored). Figures a module cannot count yet are left out."""
    on = on or cleaning.today()
    before = dict(
        MonthFigure.objects.filter(org_id=org.pk, month=previous_month(on)).values_list("key", "value")
    )
    out: list[FigureNow] = []
    memo: dict[str, Any] = {}
    for f in KEY_FIGURES:
        value = f.count(org, on, memo)
        if value is None:
            continue
        change = None
        if f.key in before:
            change = Change(_as_decimal(value) - before[f.key], percent=f.percent)
        out.append(FigureNow(f.key, str(f.label), value, f.url(org), change, "%" if f.percent else ""))
    return out


# ------------------------------------------------------------------------------- keeping


def figures_store(org: Any, *, month: dt.date, values: dict[str, Number]) -> None:
    """Write (or overwrite) a union's figures of a month."""
    with transaction.atomic():
        for key, value in values.items():
            MonthFigure.objects.update_or_create(
                org_id=org.pk, month=month_start(month), key=key, defaults={"value": _as_decimal(value)}
            )


def figures_count(org: Any, *, on: dt.date) -> dict[str, Number]:
    memo: dict[str, Any] = {}
    found = {f.key: f.count(org, on, memo) for f in KEY_FIGURES}
    return {k: v for k, v in found.items() if v is not None}


def unions_with_figures() -> Iterable[Any]:
    """The unions whose officers see subtree figures: the active ones with sub-unions."""
    from gonghui.orgs.models import Org, Status

    return Org.objects.filter(status=Status.ACTIVE, child_count__gt=0).order_by("path").iterator()


def figures_keep(*, on: dt.date | None = None) -> int:
    """The worker's periodic work: this month's figures of every union with sub-unions, as they
    stand now (the last write of a month is its month-end figure). Returns the unions written."""
    on = on or cleaning.today()
    n = 0
    for org in unions_with_figures():
        figures_store(org, month=on, values=figures_count(org, on=on))
        n += 1
    return n
