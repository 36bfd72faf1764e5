"""The honour register from a union's own ledger: all rows or none, each wrong row explained."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.honours.models import Honour
from gonghui.members.testing import write_xlsx
from gonghui.members.tests.conftest import make_member, new_id

HEADERS = ["姓名", "性别", "身份证号码", "荣誉称号", "获得时间", "表彰文号", "工作单位", "职务"]


def _upload(tmp_path, rows):  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "劳模花名册.xlsx", rows, title="赤岗街道联合工会劳模花名册", headers=HEADERS)
    return SimpleUploadedFile("劳模花名册.xlsx", path.read_bytes())


def test_a_ledger_is_imported_and_members_are_linked_by_id_number(tree, personas, login, tmp_path):
    number = new_id()
    member = make_member(tree.grassroots, "陈建华", id_number=number, employer_name="广州赤岗某机械有限公司")
    rows = [
        ["陈建华", "男", number, "省五一劳动奖章", dt.date(2015, 4, 28), "粤工〔2015〕20号", "", "班组长"],
        ["李秀英", "女", None, "市劳动模范", "2010年4月28日", "穗府〔2010〕8号", "广州某纺织厂", "挡车工"],
        ["合计", None, None, None, None, None, None, None],
    ]
    r = login(personas.grassroots).post(
        f"{reverse('honours:register_import')}?org={tree.grassroots.pk}", {"file": _upload(tmp_path, rows)}
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    chen = Honour.objects.get(name="陈建华")
    assert (chen.member, chen.unit, chen.title, chen.org) == (member, "广州赤岗某机械有限公司", "省五一劳动奖章",
                                                              tree.grassroots)  # fmt: skip
    assert Honour.objects.get(name="李秀英").awarded_on == dt.date(2010, 4, 28)
    assert Honour.objects.count() == 2


def test_a_ledger_with_wrong_rows_imports_nothing_and_says_why(tree, personas, login, tmp_path):
    rows = [
        ["陈建华", "男", None, "省五一劳动奖章", dt.date(2015, 4, 28), "", "某厂", ""],
        ["李秀英", "女", None, "省劳模", dt.date(2010, 4, 28), "", "某厂", ""],
        ["王志强", "男", new_id(), "市劳动模范", "去年", "", "某厂", ""],
    ]
    r = login(personas.grassroots).post(
        f"{reverse('honours:register_import')}?org={tree.grassroots.pk}", {"file": _upload(tmp_path, rows)}
    )
    page = r.content.decode()
    assert r.status_code == 422
    assert "没有荣誉称号「省劳模」，请从下拉列表选择" in page
    assert "「赤岗街道联合工会」的会员中没有这个身份证号码" in page
    assert "共3行，发现3处问题，未导入。" in page
    assert not Honour.objects.exists()


def test_the_template_offers_the_unions_kinds(tree, personas, login):
    r = login(personas.grassroots).get(reverse("honours:register_template", args=[tree.grassroots.pk]))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        login(personas.grassroots).get(reverse("honours:register_template", args=[tree.luohu.pk])).status_code
        == 403
    )
