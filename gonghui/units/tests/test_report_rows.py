"""The “两个普遍” table's rows, written in Python (a large street's report has a thousand)."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template

from gonghui.orgs.models import Org
from gonghui.units.report import Figures, ReportRow, TwoUniversalReport


def _render(report: TwoUniversalReport) -> str:
    return Template("{% load units_report %}{% report_rows report query %}").render(
        Context({"report": report, "query": "on=2013-06-30&threshold=25"})
    )


def test_each_row_links_down_or_to_its_units_and_reads_its_figures(tree):
    big = Figures(units=12345, should=3, built=2, employees=1348, members=None, covered_employees=0)
    rows = [
        ReportRow(label=f"{tree.street.name}（本级）", org=tree.street, own=True, figures=Figures()),
        ReportRow(label="<b>赤岗</b>", org=tree.grassroots, own=False, figures=big),
        ReportRow(
            label=tree.sibling_street.name, org=tree.sibling_street, own=False, figures=big, has_children=True
        ),
    ]
    report = TwoUniversalReport(subject=tree.street, on=dt.date(2013, 6, 30), threshold=25, rows=rows,
                                total=big, historical=False, members_counted=False)  # fmt: skip
    html = _render(report)
    assert f'<tr class="own"><td><a href="/units/?within={tree.street.pk}">' in html
    assert "&lt;b&gt;赤岗&lt;/b&gt;" in html and "<b>" not in html
    assert f'href="?org={tree.sibling_street.pk}&amp;on=2013-06-30&amp;threshold=25"' in html
    cells = html.split(f"?within={tree.grassroots.pk}", 1)[1].split("</tr>", 1)[0]
    assert (
        '<td class="num">12,345</td><td class="num">3</td><td class="num">2</td><td class="num">66.67%</td>'
        in cells
    )
    assert '<td class="num">1,348</td>' in cells and '<td class="num">—</td>' in cells  # no members counted
    assert html.count("<tr") == 4 and '<tr class="total"><td>合计</td>' in html


def test_an_empty_report_says_so():
    report = TwoUniversalReport(subject=Org(name="空"), on=dt.date(2013, 6, 30), threshold=25, rows=[],
                                total=Figures(), historical=False, members_counted=True)  # fmt: skip
    assert "该范围内尚无单位数据" in _render(report)
