"""The subtree's key figures on the home page, with their change since the end of last month."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from gonghui.conftest import make_org
from gonghui.core.figures import Change, figures_keep, figures_store, key_figures, previous_month
from gonghui.core.models import MonthFigure
from gonghui.kernel import cleaning

TODAY = cleaning.today()
LAST_MONTH = previous_month(TODAY)


def _card(page: str, key: str) -> str:
    """The text of one key figure's card on the home page."""
    m = re.search(rf'<a class="stat" href="[^"]*" data-figure="{key}">(.*?)</a>', page, re.S)
    assert m, f"no {key} card"
    return re.sub(r"<[^>]+>", "", m[1])


def test_a_change_reads_with_its_sign_and_arrow() -> None:
    up = Change(Decimal(1204))
    assert (up.text, up.arrow, up.direction) == ("+1,204", "▲", "up")
    down = Change(Decimal(-3))
    assert (down.text, down.arrow, down.direction) == ("−3", "▼", "down")
    assert Change(Decimal(0)).direction == "flat"
    assert Change(Decimal("0.80"), percent=True).text == "+0.8 个百分点"


def test_the_month_before_is_the_calendar_month_before() -> None:
    assert previous_month(dt.date(2026, 1, 15)) == dt.date(2025, 12, 1)
    assert previous_month(dt.date(2026, 3, 31)) == dt.date(2026, 2, 1)


def test_keeping_writes_this_months_figures_of_unions_with_sub_unions_only(tree) -> None:
    figures_keep(on=TODAY)
    stored = dict(
        MonthFigure.objects.filter(org=tree.haizhu, month=TODAY.replace(day=1)).values_list("key", "value")
    )
    # 海珠区: 赤岗街道, 赤岗联合工会, 新港街道, 新港社区 below it.
    assert stored["unions"] == 4
    assert stored["cases_closed"] == 0
    assert not MonthFigure.objects.filter(org=tree.grassroots).exists()
    # Kept again later in the month: the row is overwritten, not doubled.
    make_org(tree.street, "赤岗街道某公司工会", "grassroots", kind="enterprise")
    figures_keep(on=TODAY)
    assert MonthFigure.objects.get(org=tree.haizhu, month=TODAY.replace(day=1), key="unions").value == 5


def test_a_figure_shows_its_change_since_the_end_of_last_month(tree) -> None:
    figures_store(tree.haizhu, month=LAST_MONTH, values={"unions": 2, "cases_closed": 3})
    found = {f.key: f for f in key_figures(tree.haizhu, on=TODAY)}
    assert found["unions"].value == 4
    assert found["unions"].change == Change(Decimal(2))
    assert found["cases_closed"].change == Change(Decimal(-3))
    # No stored month for this union: today's figure alone.
    assert all(f.change is None for f in key_figures(tree.street, on=TODAY))


def test_the_officers_home_shows_the_change_with_arrow_and_words(tree, personas, login) -> None:
    figures_keep(on=LAST_MONTH)
    for n in range(3):
        make_org(tree.sibling_street, f"新港街道第{n + 1}工会", "grassroots", kind="enterprise")
    page = login(personas.district).get("/").content.decode()
    card = _card(page, "unions")
    assert card.startswith("7") and "下级工会（个）" in card and "▲ +3 较上月" in card
    assert 'class="change up"' in page
    assert "— ±0 较上月" in _card(page, "cases_closed")
    # The street officer's home counts the street's own subtree, which did not change.
    street = _card(login(personas.street).get("/").content.decode(), "unions")
    assert street.startswith("1") and "±0 较上月" in street


def test_a_figure_that_fell_shows_red_and_down(tree, personas, login) -> None:
    figures_store(tree.haizhu, month=LAST_MONTH, values={"unions": 1204 + 4})
    page = login(personas.district).get("/").content.decode()
    assert "▼ −1,204 较上月" in _card(page, "unions")
    assert 'class="change down"' in page


def test_the_demo_fills_last_month_so_every_figure_has_its_change(tree) -> None:
    from gonghui.core.demo import figures_demo_load

    said: list[str] = []
    figures_demo_load(progress=said.append)
    assert said and "上月数据" in said[0]
    now = key_figures(tree.haizhu, on=TODAY)
    assert now and all(f.change is not None for f in now)
    stored = MonthFigure.objects.get(org=tree.haizhu, month=LAST_MONTH, key="unions").value
    assert 0 <= stored <= 4 + 1


def test_households_relieved_counts_each_household_once_this_year(tree) -> None:
    """Counted from the paid rows alone (how they came to be paid is the assistance module's)."""
    from gonghui.assistance.models import Application, Payment
    from gonghui.assistance.tests.factories import application_in, batch_in
    from gonghui.core.figures import _households_relieved

    application_in(tree.grassroots)
    batch_in(tree.grassroots)  # the same household, paid in a batch as well
    application_in(tree.sibling_grassroots)
    assert _households_relieved(tree.haizhu, TODAY, {}) == 0
    Application.objects.update(state="paid", paid_on=TODAY)
    Payment.objects.update(status="paid", paid_on=TODAY)
    assert _households_relieved(tree.haizhu, TODAY, {}) == 2
    assert _households_relieved(tree.street, TODAY, {}) == 1
    # Paid last year: not this year's.
    Application.objects.filter(org=tree.sibling_grassroots).update(paid_on=TODAY.replace(year=TODAY.year - 1))
    assert _households_relieved(tree.haizhu, TODAY, {}) == 1
