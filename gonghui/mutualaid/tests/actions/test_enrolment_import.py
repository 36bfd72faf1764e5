"""Enrolment from the unit's list: each row found on the register by its ID number, or the whole
file refused row by row."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.kernel import cleaning
from gonghui.kernel.errors import Refused
from gonghui.kernel.exporting import Sheet, xlsx_bytes
from gonghui.mutualaid import actions
from gonghui.mutualaid.models import Line

from ..factories import plan, worker, workers

pytestmark = pytest.mark.django_db


def listing(rows):
    return xlsx_bytes(
        Sheet("参保名单", title="赤岗街道联合工会参保名单", header=["序号", "姓名", "身份证号码"], rows=rows),
        marked=False,
    )


def test_a_list_is_matched_against_the_register_by_id_number(tree, personas, login):
    people = workers(tree.grassroots, 3)
    e = actions.enrolment_create(actor=None, org=tree.grassroots, plan=plan(), year=cleaning.today().year)
    rows = [[i + 1, p.name, p.id_number] for i, p in enumerate(people)] + [["合计", "3人", ""]]
    response = login(personas.grassroots).post(
        reverse("mutualaid:enrolment_import", args=[e.pk]),
        {"file": SimpleUploadedFile("名单.xlsx", listing(rows)), "healthy": "1"},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert set(Line.objects.filter(enrolment=e).values_list("member", flat=True)) == {p.pk for p in people}


def test_a_list_with_someone_not_on_the_register_or_misnamed_adds_nobody(tree):
    mine = worker(tree.grassroots, name="陈建华")
    stranger = worker(tree.sibling_grassroots, name="外单位")
    e = actions.enrolment_create(actor=None, org=tree.grassroots, plan=plan(), year=cleaning.today().year)
    rows = [[1, "陈建华", mine.id_number], [2, "外单位", stranger.id_number], [3, "李四", mine.id_number],
            [4, "王五", "440105198001011234"]]  # fmt: skip
    with pytest.raises(Refused) as refused:
        actions.enrolment_import(
            actor=None, enrolment=e, data=listing(rows), filename="名单.xlsx", healthy_confirmed=True
        )
    text = str(refused.value)
    # Rows as the clerk sees them in the file: the title is row 1, the header row 2.
    assert "第 4 行：不是「赤岗街道联合工会」会员名册中的在职职工" in text
    assert "第 5 行：姓名「李四」与会员名册（陈建华）不符" in text
    assert "第 6 行" in text and "第 3 行" not in text
    assert not Line.objects.filter(enrolment=e).exists()


def test_the_template_is_downloaded_filled_in_and_uploaded(tree, personas, login):
    import io
    import zipfile

    from python_calamine import CalamineWorkbook

    people = workers(tree.grassroots, 3)
    e = actions.enrolment_create(actor=None, org=tree.grassroots, plan=plan(), year=cleaning.today().year)
    client = login(personas.grassroots)
    assert (
        reverse("mutualaid:enrolment_template", args=[e.pk])
        in client.get(reverse("mutualaid:enrolment", args=[e.pk])).content.decode()
    )
    response = client.get(reverse("mutualaid:enrolment_template", args=[e.pk]))
    data = b"".join(response.streaming_content)
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == ["参保名单", "填写说明"]
    title, header = book.get_sheet_by_index(0).to_python()[:2]
    assert "参保名单" in title[0] and header == ["序号", "姓名", "身份证号码", "未确诊六种重大疾病"]
    notes = " ".join(r[0] for r in book.get_sheet_by_index(1).to_python())
    assert "不少于在职职工的 60%" in notes and "16至60周岁" in notes
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert 'type="list"' in sheet_xml and "是,否" in sheet_xml
    filled = xlsx_bytes(
        Sheet("参保名单", title=title[0], header=header, rows=[[i + 1, p.name, p.id_number, "是"] for i, p in enumerate(people)]),
        marked=False,
    )  # fmt: skip
    response = client.post(
        reverse("mutualaid:enrolment_import", args=[e.pk]),
        {"file": SimpleUploadedFile("参保名单.xlsx", filled)},
    )  # everyone declared 是: no separate confirmation needed
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Line.objects.filter(enrolment=e).count() == 3
    assert (
        login(personas.sibling).get(reverse("mutualaid:enrolment_template", args=[e.pk])).status_code == 403
    )


def test_a_list_declaring_a_disease_or_an_unreadable_answer_is_refused_row_by_row(tree):
    people = workers(tree.grassroots, 3)
    e = actions.enrolment_create(actor=None, org=tree.grassroots, plan=plan(), year=cleaning.today().year)
    data = xlsx_bytes(
        Sheet("参保名单", header=["序号", "姓名", "身份证号码", "未确诊六种重大疾病"],
              rows=[[1, people[0].name, people[0].id_number, "是"], [2, people[1].name, people[1].id_number, "否"],
                    [3, people[2].name, people[2].id_number, "不清楚"]]),
        marked=False,
    )  # fmt: skip
    with pytest.raises(Refused) as refused:
        actions.enrolment_import(actor=None, enrolment=e, data=data, filename="名单.xlsx")
    text = str(refused.value)
    assert (
        "第 3 行：已确诊六种重大疾病的职工不能参加" in text and "第 4 行：「未确诊六种重大疾病」应填" in text
    )
    assert not Line.objects.filter(enrolment=e).exists()
