"""The pages and the API: forms go through the actions, refusals answer 422 and change nothing."""

from __future__ import annotations

import datetime as dt
import io
import json

from python_calamine import CalamineWorkbook

from gonghui.accounts.actions import role_grant
from gonghui.conftest import make_user
from gonghui.targets import actions
from gonghui.targets.models import Correction, Report, Target

from .factories import YEAR, indicator_in, target_in


def test_a_district_sets_a_target_and_splits_it(tree, personas, login, today):
    indicator = indicator_in(tree.guangzhou, name="新建工会组织", unit="家")
    client = login(personas.district)
    page = client.get(f"/targets/new/?org={tree.haizhu.pk}&year={YEAR}")
    assert page.status_code == 200 and "新建工会组织" in page.content.decode()
    form = {
        "indicator": indicator.pk, "year": YEAR, "value": "100", "baseline": "", "q1": 25, "q2": 50, "q3": 75,
        "q4": 100, "owner_name": "陈志强", "owner": personas.district.pk, "yellow_margin": "10", "red_margin": "20",
    }  # fmt: skip
    bad = client.post(f"/targets/new/?org={tree.haizhu.pk}", {**form, "q4": 90})
    assert bad.status_code == 422 and "第四季度为100" in bad.content.decode()
    assert not Target.objects.filter(org=tree.haizhu).exists()
    done = client.post(f"/targets/new/?org={tree.haizhu.pk}", form)
    target = Target.objects.get(org=tree.haizhu)
    assert done.status_code == 302 and target.owner == personas.district

    short = {
        f"value_{tree.street.pk}": "40",
        f"owner_{tree.street.pk}": "王芳",
        f"value_{tree.sibling_street.pk}": "50",
    }
    r = client.post(f"/targets/{target.pk}/cascade/", short)
    assert r.status_code == 422 and "少于本级目标" in r.content.decode()
    r = client.post(f"/targets/{target.pk}/cascade/", {**short, f"value_{tree.sibling_street.pk}": "60"})
    assert r.status_code == 302 and target.children.count() == 2
    page = client.get(f"/targets/{target.pk}/").content.decode()
    assert "赤岗街道总工会" in page and "王芳" in page


def test_an_owner_reports_and_corrects_through_the_pages(tree, personas, login, today):
    target = target_in(tree.street, value="120")
    client = login(personas.street)
    r = client.post(f"/targets/{target.pk}/report/", {"month": 1, "value": "abc"})
    assert r.status_code == 422 and not Report.objects.exists()
    r = client.post(f"/targets/{target.pk}/report/", {"month": 1, "value": "3", "evidence": "新建3家"})
    assert r.status_code == 302
    report = Report.objects.get(target=target)
    page = client.get(f"/targets/{target.pk}/").content.decode()
    assert "红色预警" in page and f"/targets/reports/{report.pk}/correct/" in page
    r = client.post(f"/targets/reports/{report.pk}/correct/", {"value": "10", "reason": ""})
    assert r.status_code == 422 and not Correction.objects.exists()
    r = client.post(f"/targets/reports/{report.pk}/correct/", {"value": "10", "reason": "漏报"})
    assert r.status_code == 302 and Target.objects.get(pk=target.pk).flag == "green"


def test_the_board_shows_warnings_and_late_reports_of_the_subtree(tree, personas, login, today):
    today(dt.date(2025, 3, 10))
    red = target_in(tree.street, value="120")
    actions.report_submit(actor=None, target=red, month=1, value="1", on=dt.date(2025, 2, 3))
    actions.report_submit(actor=None, target=red, month=2, value="2", on=dt.date(2025, 3, 3))
    target_in(tree.sibling_street, value="50")  # nothing reported: January and February late
    html = login(personas.district).get(f"/targets/?org={tree.haizhu.pk}&year=2025").content.decode()
    assert "赤岗街道总工会" in html and "红色预警" in html
    assert "新港街道总工会" in html and "1月、2月" in html
    sibling = (
        login(personas.sibling).get(f"/targets/?org={tree.sibling_street.pk}&year=2025").content.decode()
    )
    assert "赤岗街道总工会" not in sibling


def _split_and_report(tree) -> Target:  # type: ignore[no-untyped-def]
    whole = target_in(tree.haizhu, value="120")
    actions.target_cascade(
        actor=None, target=whole,
        shares=[actions.Share(tree.street.pk, "60", "王芳"), actions.Share(tree.sibling_street.pk, "60", "刘洋")],
    )  # fmt: skip
    for org, v in ((tree.street, "6"), (tree.sibling_street, "2")):
        part = Target.objects.get(parent=whole, org=org)
        actions.report_submit(actor=None, target=part, month=1, value=v, on=dt.date(YEAR, 2, 3))
    return whole


def test_the_circular_is_shown_and_downloaded(tree, personas, login):
    _split_and_report(tree)
    client = login(personas.district)
    page = client.get(f"/targets/circular/?org={tree.haizhu.pk}&year={YEAR}&month=1").content.decode()
    assert "广州市海珠区总工会2025年1月目标任务推进情况通报" in page
    r = client.get(f"/targets/circular/xlsx/?org={tree.haizhu.pk}&year={YEAR}&month=1")
    assert r.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(r.getvalue()))
    rows = book.get_sheet_by_name("排名").to_python()
    assert rows[0][0].startswith("导出人：")
    ranked = [row for row in rows if str(row[0]).startswith("新建工会组织数")]
    assert [(row[1], row[2]) for row in ranked] == [(1, "赤岗街道总工会"), (2, "新港街道总工会")]
    red = book.get_sheet_by_name("红色预警").to_python()
    assert [row[1] for row in red if row[1] == "新港街道总工会"]


def test_the_api_reports_and_refuses_like_the_pages(tree, personas, login, today):
    target = target_in(tree.street, value="120")
    client = login(personas.street)
    detail = client.get(f"/api/targets/{target.pk}").json()
    assert (
        detail["abilities"] == ["cascade", "export", "publish", "report"]
        and detail["indicator"] == "新建工会组织数"
        and detail["flag"] == "none"
    )
    r = client.post(
        f"/api/targets/{target.pk}/reports",
        json.dumps({"month": 1, "value": "12"}),
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["value"] == "12.00"
    r = client.post(
        f"/api/targets/{target.pk}/reports",
        json.dumps({"month": 1, "value": "13"}),
        content_type="application/json",
    )
    assert r.status_code == 422 and "month" in r.json()["errors"]
    assert client.get(f"/api/targets/?org_id={tree.street.pk}&year={YEAR}").json()[0]["flag"] == "green"
    outsider = login(personas.sibling)
    assert outsider.get(f"/api/targets/{target.pk}").status_code == 403
    r = outsider.post(
        f"/api/targets/{target.pk}/reports",
        json.dumps({"month": 2, "value": "1"}),
        content_type="application/json",
    )
    assert r.status_code == 403 and Report.objects.filter(target=target).count() == 1
    r = outsider.post(
        f"/api/targets/{target.pk}/publish", json.dumps({"public": True}), content_type="application/json"
    )
    assert r.status_code == 403
    client = login(personas.street)
    r = client.post(
        f"/api/targets/{target.pk}/publish", json.dumps({"public": True}), content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["public"] is True
    assert Target.objects.get(pk=target.pk).public


def test_the_circular_downloads_as_an_official_docx(tree, personas, login):
    from docx import Document

    _split_and_report(tree)
    r = login(personas.district).get(f"/targets/circular/docx/?org={tree.haizhu.pk}&year={YEAR}&month=1")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(r.getvalue()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "广州市海珠区总工会2025年1月目标任务推进情况通报" in text and "红色预警：新港街道总工会" in text
    cells = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert [row[:2] for row in cells[1:]] == [["1", "赤岗街道总工会"], ["2", "新港街道总工会"]]


def test_the_circular_is_sent_to_the_bulletin_above_as_a_submission(tree, personas, login):
    from gonghui.bulletin.models import Bulletin, Submission

    _split_and_report(tree)
    bulletin = Bulletin.objects.create(org=tree.province, name="工作简报", office="广东省总工会办公室")
    client = login(personas.district)
    page = client.get(f"/targets/circular/?org={tree.haizhu.pk}&year={YEAR}&month=1").content.decode()
    assert "/targets/circular/send/" in page
    r = client.post(
        f"/targets/circular/send/?org={tree.haizhu.pk}&year={YEAR}", {"month": 1, "bulletin": bulletin.pk}
    )
    assert r.status_code == 302
    submission = Submission.objects.get(bulletin=bulletin)
    assert (
        submission.org == tree.haizhu
        and submission.title == "广州市海珠区总工会2025年1月目标任务推进情况通报"
    )
    assert "1. 赤岗街道总工会" in submission.body and submission.status != "draft"
    street_page = login(personas.street).get(f"/targets/circular/?org={tree.street.pk}&year={YEAR}&month=1")
    assert "/targets/circular/send/" not in street_page.content.decode()  # nothing split there


def test_evidence_is_attached_to_a_report_and_read_back_only_in_scope(
    tree, personas, login, today, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)
    target = target_in(tree.street, value="120")
    client = login(personas.street)
    fake = SimpleUploadedFile("台账.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    r = client.post(f"/targets/{target.pk}/report/", {"month": 1, "value": "10", "file": fake})
    assert r.status_code == 422 and "不是" in r.content.decode() and not Report.objects.exists()
    pdf = SimpleUploadedFile("1月新建工会台账.js", b"%PDF-1.4\n%test\n", content_type="text/javascript")
    r = client.post(f"/targets/{target.pk}/report/", {"month": 1, "value": "10", "file": pdf})
    assert r.status_code == 302
    evidence = Report.objects.get(target=target).evidence_files.get()
    assert evidence.filename == "1月新建工会台账.pdf" and evidence.content_type == "application/pdf"
    assert f"/targets/evidence/{evidence.pk}/" in client.get(f"/targets/{target.pk}/").content.decode()
    download = client.get(f"/targets/evidence/{evidence.pk}/")
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert login(personas.sibling).get(f"/targets/evidence/{evidence.pk}/").status_code == 403


def test_a_new_indicator_starts_in_the_union_where_the_person_may_add_one(tree, personas, login):
    # Read-only over the whole province, administrator of one street: the form is the street's.
    user = make_user("mixed_roles", tree.province, "viewer")
    role_grant(actor=None, user=user, org=tree.street, kind="admin")
    r = login(user).get("/targets/indicators/new/")
    assert r.status_code == 200 and f"新增考核指标 · {tree.street.name}" in r.content.decode()
    r = login(personas.member).get("/targets/indicators/new/")
    assert r.status_code == 403 and "您没有可以新增考核指标的工会。" in r.content.decode()
