"""Case statistics per subtree: cases, people served, amounts recovered, drill-down, export."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from gonghui.core.models import AuditEntry
from gonghui.services import actions
from gonghui.services.stats import case_stats

from . import factories as f


@pytest.fixture
def cases(tree):  # type: ignore[no-untyped-def]
    def closed(org, amount, parties, migrants=0, category="wages", on=dt.date(2013, 3, 1)):  # type: ignore[no-untyped-def]
        c = f.make_case(org, parties=parties, migrants=migrants, category=category, intake_on=on)
        actions.case_close(actor=None, case=c, outcome="resolved", amount_recovered=amount, on=on)
        return c

    closed(tree.grassroots, "1000000.50", 10, 8)
    closed(tree.grassroots, "2800000.00", 5, 5, category="work_injury")
    f.make_case(tree.street, parties=4, migrants=1, category="family")
    closed(tree.sibling_grassroots, "12.34", 2)
    closed(tree.luohu, "999.99", 1, on=dt.date(2012, 6, 1))
    return tree


def test_district_figures_with_one_row_per_street(cases, personas):
    s = case_stats(actor=personas.district, org=cases.haizhu)
    assert (s.total.cases, s.total.closed, s.total.people, s.total.migrants) == (4, 3, 21, 14)
    assert s.total.recovered == Decimal("3800012.84")
    assert s.total.recovered_wan == Decimal("380.00")
    rows = {r.label: (r.figures.cases, r.figures.people, r.figures.recovered) for r in s.rows}
    assert rows == {
        "赤岗街道总工会": (3, 19, Decimal("3800000.50")),
        "新港街道总工会": (1, 2, Decimal("12.34")),
    }
    assert all(r.drill for r in s.rows)


def test_drill_down_shows_the_unions_own_cases_and_its_children(cases, personas):
    s = case_stats(actor=personas.street, org=cases.street)
    assert [(r.label, r.own, r.figures.cases) for r in s.rows] == [
        ("赤岗街道总工会（本级）", True, 1),
        ("赤岗街道联合工会", False, 2),
    ]
    by_cat = {label: fig.cases for _c, label, fig in s.by_category}
    assert by_cat["欠薪/劳资纠纷"] == 1 and by_cat["工伤事故"] == 1 and by_cat["家庭矛盾"] == 1


def test_year_filter_and_province_total(cases, personas):
    assert case_stats(actor=personas.province, org=cases.province, year=2012).total.cases == 1
    assert case_stats(actor=personas.province, org=cases.province).total.cases == 5


def test_a_street_officer_cannot_read_the_sibling_streets_figures(cases, personas, login):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        case_stats(actor=personas.street, org=cases.sibling_street)
    r = login(personas.street).get(f"/services/cases/stats/?org={cases.sibling_street.pk}")
    assert r.status_code == 403


def test_stats_page_draws_the_chart_and_exports_xlsx_with_a_watermark(cases, personas, login):
    client = login(personas.district)
    r = client.get(f"/services/cases/stats/?org={cases.haizhu.pk}")
    assert r.status_code == 200
    page = r.content.decode()
    assert 'data-chart="case-chart"' in page and "赤岗街道总工会" in page and "380.00" in page
    r = client.get(f"/services/cases/stats/export/?org={cases.haizhu.pk}&format=xlsx")
    assert r.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(r.streaming_content)))
    assert book.sheet_names == ["按工会", "按类别"]
    rows = book.get_sheet_by_name("按工会").to_python()
    assert "导出人" in rows[0][0] and "district_user" in rows[0][0]
    assert rows[-1][0] == "合计" and rows[-1][1] == 4 and rows[-1][5] == pytest.approx(3800012.84)
    assert AuditEntry.objects.filter(action="case.stats_export", actor=personas.district).exists()


def test_stats_api_matches_the_page(cases, personas, login):
    r = login(personas.district).get(f"/api/services/cases/stats?org={cases.haizhu.pk}")
    assert r.status_code == 200
    body = r.json()
    assert body["total"]["cases"] == 4 and Decimal(str(body["total"]["recovered"])) == Decimal("3800012.84")
    assert body["by_category"]["work_injury"]["cases"] == 1
