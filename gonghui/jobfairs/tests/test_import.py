"""Employers and positions from the organiser's sheet: through the sheet guard and the same
actions as the pages, credit codes checked and linked to the units register, all or nothing
with row-numbered Chinese errors, audited."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from gonghui.core.models import AuditEntry
from gonghui.jobfairs import importing
from gonghui.jobfairs.models import Employer, Position
from gonghui.kernel.errors import Refused
from gonghui.members.testing import write_xlsx
from gonghui.units.models import Unit

from .factories import credit_code, make_fair

pytestmark = pytest.mark.django_db

HEADERS = ["单位名称", "统一社会信用代码", "联系人", "联系电话", "岗位名称", "招聘人数", "薪资下限", "薪资上限",
           "行业（GB/T 4754）", "工作地点", "要求"]  # fmt: skip


def _sheet(tmp_path, rows):
    return write_xlsx(
        tmp_path / "参会单位.xlsx", rows, title="2026年春风行动参会单位及岗位", headers=HEADERS
    ).read_bytes()


def test_a_sheet_registers_employers_and_posts_their_positions(tree, personas, login, tmp_path):
    fair = make_fair(tree.street)
    known, new = credit_code(), credit_code()
    Unit.objects.create(credit_code=known, name="广州珠江啤酒股份有限公司", industry="03", unit_type="169",
                        employees=3000, registered_org=tree.grassroots, org=tree.grassroots)  # fmt: skip
    rows = [
        ["", known.lower(), "李主任", "13800138001", "包装工", 30, 4500, 6000, "", "海珠区新港东路", "能倒班"],
        ["", known, "李主任", "13800138001", "叉车司机", "5人", "6000", "8000", "C", "海珠区", "持叉车证"],
        ["广州某物流有限公司", new, "陈经理", "13800138002", "快递分拣员", 50, 5000, 7000, "G 交通运输、仓储和邮政业",
         "番禺区", ""],
        ["合计", None, None, None, None, 85, None, None, None, None, None],
    ]  # fmt: skip
    r = login(personas.street).post(f"/jobfairs/{fair.pk}/import/",
                                    {"file": SimpleUploadedFile("参会单位.xlsx", _sheet(tmp_path, rows))})  # fmt: skip
    assert r.status_code == 302, r.content.decode()[:3000]
    beer = Employer.objects.get(fair=fair, credit_code=known)
    assert beer.unit is not None and beer.name == "广州珠江啤酒股份有限公司" and beer.industry == "03"
    assert beer.contact_phone == "13800138001" and beer.state == "submitted"
    assert list(beer.positions.order_by("id").values_list("title", "openings", "industry")) == [
        ("包装工", 30, "03"), ("叉车司机", 5, "03")]  # fmt: skip
    assert Position.objects.get(title="快递分拣员").industry == "06"
    entry = AuditEntry.objects.get(action="jobfairs.import")
    assert entry.detail["employers"] == 2 and entry.detail["positions"] == 3 and entry.detail["linked"] == 1


def test_a_wrong_row_imports_nothing_and_each_problem_is_told_by_row(tree, personas, login, tmp_path):
    fair = make_fair(tree.street)
    rows = [
        ["广州某物流有限公司", credit_code(), "陈经理", "13800138002", "快递分拣员", 50, 5000, 7000, "G", "番禺区", ""],
        ["广州某电子厂", "91440101MA5ABCDE1X", "", "", "普工", 10, 4000, 5000, "C", "", ""],
        ["广州某餐饮公司", credit_code(), "", "", "厨师", "若干", 6000, 5000, "Z", "", ""],
        ["广州某保洁公司", credit_code(), "", "020-8888", "保洁员", 3, 3000, 4000, "O", "", ""],
    ]  # fmt: skip
    client = login(personas.street)
    r = client.post(
        f"/jobfairs/{fair.pk}/import/", {"file": SimpleUploadedFile("a.xlsx", _sheet(tmp_path, rows))}
    )
    page = r.content.decode()
    assert r.status_code == 422
    assert "共4行，发现" in page and "未导入" in page
    assert (
        "B列（统一社会信用代码）" in page
        and "I列（行业(GB/T 4754)）" in page
        and "招聘人数：应为整数" in page
    )
    assert not Employer.objects.filter(fair=fair).exists() and not Position.objects.exists()
    # Errors found only by the actions (a landline, pay upside down) undo the employers written before them.
    rows = [rows[0], ["广州某保洁公司", credit_code(), "", "020-8888", "保洁员", 3, 4000, 3000, "O", "", ""]]
    outcome = importing.fair_import(
        actor=personas.street, fair=fair, data=_sheet(tmp_path, rows), filename="a.xlsx"
    )
    assert [e[0] for e in outcome.errors] == [4] and "D列（联系电话）" in outcome.errors[0][1]
    assert not Employer.objects.filter(fair=fair).exists()
    assert not AuditEntry.objects.filter(action__startswith="jobfairs.employer").exists()


def test_only_the_organiser_imports_and_a_file_that_is_no_sheet_is_refused(tree, personas, login, tmp_path):
    fair = make_fair(tree.street)
    assert login(personas.sibling).get(f"/jobfairs/{fair.pk}/import/").status_code == 403
    with pytest.raises(Refused):
        importing.fair_import(
            actor=personas.street, fair=fair, data=b"PK\x03\x04not a zip", filename="a.xlsx"
        )
    r = login(personas.street).post(f"/jobfairs/{fair.pk}/import/",
                                    {"file": SimpleUploadedFile("a.xlsx", b"\x00" * 100)})  # fmt: skip
    assert r.status_code == 422 and not Employer.objects.exists()


def test_the_template_has_the_organisers_columns_and_reads_back(tree, personas, login):
    fair = make_fair(tree.street)
    r = login(personas.street).get(f"/jobfairs/{fair.pk}/import/template/")
    data = b"".join(r.streaming_content) if r.streaming else r.content
    assert r.status_code == 200
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert sheet[0] == HEADERS
    assert importing.industry_code("C 制造业") == "03" and importing.industry_code("1311") == "03"
