"""A union's ledger of activities imported from xlsx: every row through the same rules as a new
activity, all rows or none, errors by row in Chinese, a template, on the task queue."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from gonghui.activities import importing
from gonghui.activities.models import Activity
from gonghui.core.models import AuditEntry, Job
from gonghui.kernel.exporting import Sheet, xlsx_bytes

from ..factories import make_campaign, make_group

pytestmark = pytest.mark.django_db
HEADER = ["活动名称", "类型", "开始时间", "结束时间", "地点", "名额", "所属活动", "报名群体"]


def _day(days: int) -> str:
    return f"{timezone.localdate() + dt.timedelta(days=days):%Y-%m-%d}"


def _file(rows: list[list[object]]) -> bytes:
    return xlsx_bytes(Sheet("活动台账", header=HEADER, rows=rows), marked=False)


def test_a_ledger_becomes_activities_all_at_once(tree, personas):
    campaign = make_campaign(tree.haizhu, "2026年送清凉")
    group = make_group(tree.street)
    rows = [
        ["工地送清凉", "慰问", f"{_day(3)} 09:00", f"{_day(3)} 11:30", "赤岗某工地", 50, "2026年送清凉", ""],
        [
            "一线职工健康讲座",
            "讲座",
            f"{_day(5).replace('-', '/')} 14:00",
            f"{_day(5)} 16:00",
            "职工之家",
            "80",
            "",
            "高温一线职工",
        ],
        ["合计", "", "", "", "", 130, "", ""],
    ]
    n = importing.activities_import_or_refuse(
        actor=personas.street, org=tree.street, data=_file(rows), filename="活动.xlsx"
    )
    assert n == 2
    made = {a.title: a for a in Activity.objects.filter(org=tree.street)}
    assert made["工地送清凉"].campaign == campaign and made["工地送清凉"].capacity == 50
    assert (made["一线职工健康讲座"].audience, made["一线职工健康讲座"].group) == ("group", group)
    assert timezone.localtime(made["一线职工健康讲座"].starts_at).hour == 14
    row = AuditEntry.objects.get(action="activities.activity.import")
    assert row.detail["count"] == 2 and row.actor == personas.street


def test_one_wrong_row_keeps_the_whole_file_out_with_every_error_by_row(tree, personas):
    rows = [
        ["工地送清凉", "慰问", f"{_day(3)} 09:00", f"{_day(3)} 11:30", "赤岗某工地", 50, "", ""],
        ["篮球赛", "比赛", "下周六", f"{_day(3)} 11:30", "体育馆", 0, "", ""],
        ["讲座", "讲座", f"{_day(3)} 09:00", f"{_day(2)} 11:30", "职工之家", 10, "不存在的专项活动", ""],
    ]
    outcome = importing.activities_import(
        actor=personas.street, org=tree.street, data=_file(rows), filename="活动.xlsx"
    )
    text = "\n".join(str(e) for e in outcome.errors)
    assert (
        "第3行：开始时间：「下周六」不是日期和时间" in text
        and "第3行：类型：类型「比赛」不在可选范围内" in text
    )
    assert "第4行：所属活动：没有本工会可参加的、名为「不存在的专项活动」的专项活动" in text
    assert "第2行" not in text
    assert (
        not Activity.objects.exists()
        and not AuditEntry.objects.filter(action__startswith="activities.activity").exists()
    )


def test_rules_of_a_new_activity_hold_on_every_row(tree, personas):
    rows = [["讲座", "讲座", f"{_day(3)} 09:00", f"{_day(2)} 11:30", "职工之家", 0, "", ""]]
    outcome = importing.activities_import(
        actor=personas.street, org=tree.street, data=_file(rows), filename="a.xlsx"
    )
    assert str(outcome.errors[0]).startswith("第2行：结束时间：结束时间不能早于开始时间")


def test_the_page_queues_the_import_and_the_job_reports_it(tree, personas, login):
    client = login(personas.street)
    url = f"{reverse('activities:import')}?org={tree.street.pk}"
    assert (
        url.split("?")[0]
        in client.get(reverse("activities:list"), {"within": tree.street.pk}).content.decode()
    )
    good = _file([["工地送清凉", "慰问", f"{_day(3)} 09:00", f"{_day(3)} 11:30", "赤岗某工地", 50, "", ""]])
    r = client.post(url, {"file": SimpleUploadedFile("活动.xlsx", good)})
    job = Job.objects.get(kind=importing.JOB_KIND)
    assert r.status_code == 302 and r.url == reverse("job", args=[job.pk])
    assert job.succeeded and job.result["created"] == 1
    bad = _file([["篮球赛", "比赛", f"{_day(3)} 09:00", f"{_day(3)} 11:30", "体育馆", 5, "", ""]])
    client.post(url, {"file": SimpleUploadedFile("活动.xlsx", bad)})
    failed = Job.objects.filter(kind=importing.JOB_KIND).latest("pk")
    assert failed.failed and "第2行" in failed.error
    assert Activity.objects.count() == 1
    r = client.post(url, {"file": SimpleUploadedFile("活动.pdf", b"%PDF")})
    assert r.status_code == 422


def test_the_template_lists_the_kinds_campaigns_and_groups(tree, personas, login):
    make_campaign(tree.haizhu, "2026年送清凉")
    make_group(tree.street)
    r = login(personas.street).get(reverse("activities:import"), {"org": tree.street.pk, "template": 1})
    book = CalamineWorkbook.from_filelike(
        io.BytesIO(b"".join(r.streaming_content) if r.streaming else r.content)
    )
    header = book.get_sheet_by_name("活动台账").to_python()[0]
    assert header[:6] == ["活动名称", "类型", "开始时间", "结束时间", "地点", "名额"]
    codes = book.get_sheet_by_name("代码表").to_python()
    assert "讲座" in [r[0] for r in codes] and "2026年送清凉" in [r[2] for r in codes]
    assert "高温一线职工" in [r[3] for r in codes]
    assert login(personas.sibling).get(reverse("activities:import"), {"org": tree.street.pk}).status_code in (
        403,
        404,
    )
