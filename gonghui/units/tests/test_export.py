"""Export of a scoped unit list: streamed, watermarked, audited, never past the scope."""

import io

from python_calamine import CalamineWorkbook

from gonghui.core.models import AuditEntry


def test_csv_export_is_streamed_watermarked_and_audited(tree, personas, register, login):
    client = login(personas.street)
    r = client.get("/units/export/", {"format": "csv", "has_union": "no"})
    assert r.status_code == 200 and r.streaming and r["Content-Type"].startswith("text/csv")
    assert "filename*=utf-8''" in r["Content-Disposition"].lower()
    text = b"".join(r.streaming_content).decode("utf-8")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("导出人：street_user") and "导出时间：" in lines[0]
    assert lines[1].startswith("统一社会信用代码,单位名称,行业,单位类别,职工人数")
    assert sorted(line.split(",")[1] for line in lines[2:]) == ["赤岗丁司", "赤岗戊坊"]
    entry = AuditEntry.objects.get(action="unit.export")
    assert entry.actor == personas.street and entry.org == tree.street
    assert entry.detail == {"format": "csv", "rows": 2, "has_union": False, "status": "active"}


def test_xlsx_export_of_a_subtree(tree, personas, register, login):
    client = login(personas.district)
    r = client.get("/units/export/", {"format": "xlsx", "within": tree.street.pk})
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(b"".join(r.streaming_content)))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[0][0].startswith("导出人：district_user")
    names = sorted(row[1] for row in rows[2:])
    assert names == ["赤岗丁司", "赤岗丙铺", "赤岗乙店", "赤岗戊坊", "赤岗甲厂"]
    jia = next(row for row in rows if row[1] == "赤岗甲厂")
    assert jia[2:5] == ["03 制造", "170 私营企业", 100.0] and jia[10:12] == [
        "赤岗街道联合工会",
        "赤岗街道总工会",
    ]
    entry = AuditEntry.objects.get(action="unit.export")
    assert (
        entry.org == tree.street and entry.detail["rows"] == 5 and entry.detail["within"] == "赤岗街道总工会"
    )


def test_an_export_goes_no_further_than_the_scope(tree, personas, register, login):
    client = login(personas.sibling)
    text = b"".join(client.get("/units/export/", {"format": "csv"}).streaming_content).decode()
    assert "新港甲厂" in text and "赤岗" not in text and "海珠直属单位" not in text
    assert client.get("/units/export/", {"format": "csv", "within": tree.street.pk}).status_code == 403
    assert AuditEntry.objects.filter(action="unit.export").count() == 1
    member = login(personas.member)
    text = b"".join(member.get("/units/export/", {"format": "csv"}).streaming_content).decode()
    assert len(text.splitlines()) == 2  # watermark and header only


def test_the_export_re_imports(tree, personas, register, login, media):
    """What leaves as an export can come back as an import (here: refused as duplicates)."""
    client = login(personas.street)
    data = b"".join(client.get("/units/export/", {"format": "xlsx"}).streaming_content)
    from gonghui.units.importer import units_import

    outcome = units_import(actor=personas.street, org=tree.street, data=data, filename="export.xlsx")
    assert outcome.header_row == 2 and outcome.rows == 5 and outcome.error_rows == 5
    assert {e.message.split("已登记")[0] for e in outcome.errors} == {
        f"统一社会信用代码 {u.credit_code} "
        for u in (register.jia, register.yi, register.bing, register.ding, register.wu)
    }


def test_a_name_that_looks_like_a_formula_stays_text(tree, personas, login):
    from .factories import make_unit

    make_unit(tree.street, '=HYPERLINK("http://x","点我")', 30)
    client = login(personas.street)
    text = b"".join(client.get("/units/export/", {"format": "csv"}).streaming_content).decode()
    assert "'=HYPERLINK" in text
    data = b"".join(client.get("/units/export/", {"format": "xlsx"}).streaming_content)
    import zipfile

    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet


def test_contract_list_export_is_scoped_watermarked_and_audited(tree, personas, register, login):
    client = login(personas.district)
    text = b"".join(client.get("/units/contracts/export/", {"format": "csv"}).streaming_content).decode()
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("导出人：district_user") and lines[1].startswith("合同名称,类型,签订工会")
    assert any(line.startswith("赤岗街道区域性集体合同,区域性集体合同,赤岗街道总工会") and "赤岗甲厂、赤岗乙店、赤岗丁司" in line
               for line in lines)  # fmt: skip
    assert len(lines) == 4
    entry = AuditEntry.objects.get(action="contract.export")
    assert entry.detail == {"format": "csv", "rows": 2} and entry.org == tree.haizhu
    sibling = login(personas.sibling)
    data = b"".join(sibling.get("/units/contracts/export/", {"format": "xlsx"}).streaming_content)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert [r[0] for r in rows[2:]] == ["新港社区工会集体合同"]
    assert (
        sibling.get("/units/contracts/export/", {"format": "csv", "within": tree.street.pk}).status_code
        == 403
    )
