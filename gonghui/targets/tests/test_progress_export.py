"""The yearly progress table: every target of the union and below, month by month."""

from __future__ import annotations

import datetime as dt
import io

from python_calamine import CalamineWorkbook

from gonghui.core.models import AuditEntry
from gonghui.targets import actions

from .factories import YEAR, indicator_in, target_in


def test_the_progress_table_lists_each_target_month_by_month_within_the_scope(tree, personas, client):
    promise = target_in(
        tree.street, indicator=indicator_in(tree.haizhu, name="困难职工解困脱困", unit="户"), value="600"
    )
    actions.target_publish(actor=None, target=promise, public=True)
    for month, value in ((1, "150"), (3, "420")):
        actions.report_submit(
            actor=None, target=promise, month=month, value=value, on=dt.date(YEAR, month + 1, 3)
        )
    target_in(tree.luohu, indicator=indicator_in(tree.luohu, name="罗湖指标"))  # outside the district
    client.force_login(personas.district)
    response = client.get(f"/targets/progress/export/?org={tree.haizhu.pk}&year={YEAR}")
    assert response.status_code == 200
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
        .get_sheet_by_name("进度")
        .to_python()
    )
    row = next(r for r in rows if "困难职工解困脱困" in r)
    assert row[4] == "赤岗街道总工会" and row[5] == "陈志强"
    assert [row[7], row[8], row[9]] == [150, "", 420]  # January, February (not reported), March
    assert row[-1] == "是"
    assert not any("罗湖指标" in r for r in rows)
    assert AuditEntry.objects.filter(action="targets.progress.export", org=tree.haizhu).exists()
    csv = client.get(f"/targets/progress/export/?org={tree.haizhu.pk}&year={YEAR}&format=csv")
    assert "困难职工解困脱困" in b"".join(csv.streaming_content).decode("utf-8-sig")
    client.force_login(personas.sibling)
    assert client.get(f"/targets/progress/export/?org={tree.haizhu.pk}&year={YEAR}").status_code in (403, 404)
