"""Contributions through the bank: the collection file from each unit's account (audited, for
who may reveal), and its return file recording the payments that put enrolments in force."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from gonghui.core.models import AuditEntry
from gonghui.kernel import cleaning
from gonghui.kernel.errors import Refused
from gonghui.mutualaid import actions
from gonghui.mutualaid.models import Contribution, Enrolment

from .factories import ACCOUNT, bank_answer, enrolment, with_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(tree):
    with_account(tree.grassroots)
    medical = enrolment(tree.grassroots)
    people = [line.member for line in medical.lines.all()]
    return [medical, enrolment(tree.grassroots, "acftu-accident", people=people)]


def test_the_collection_file_takes_what_each_unit_owes_from_its_account_and_is_audited(
    due, tree, personas, login
):
    with pytest.raises(PermissionDenied):
        actions.collection_file(actor=personas.district, org=tree.haizhu)  # a clerk may not reveal
    response = login(personas.city).get(f"{reverse('mutualaid:collection_file')}?org={tree.haizhu.pk}")
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    values = book.get_sheet_by_index(0).to_python()
    ids = {e.pk for e in due}
    lines = [r for r in values if r[0] in ids or (isinstance(r[0], float) and int(r[0]) in ids)]
    assert len(lines) == 2 and all(r[1] == "赤岗街道联合工会" and r[3] == ACCOUNT for r in lines)
    assert sorted(float(r[6]) for r in lines) == [200.0, 600.0]
    entry = AuditEntry.objects.get(action="mutualaid.collection.file")
    assert entry.actor == personas.city and entry.detail["count"] == 2 and entry.detail["total"] == "800.00"


def test_a_unit_without_an_account_is_named_and_no_file_is_made(tree, personas):
    enrolment(tree.grassroots)
    with pytest.raises(Refused, match="赤岗街道联合工会"):
        actions.collection_file(actor=personas.city, org=tree.haizhu)
    assert not AuditEntry.objects.filter(action="mutualaid.collection.file").exists()


def test_the_return_file_records_the_payments_and_says_what_the_bank_could_not_take(due, tree, personas):
    medical, accident = due
    data = bank_answer(
        [[medical.pk, "600.00", "扣款成功", ""], [accident.pk, "200.00", "失败", "账户余额不足"]]
    )
    result = actions.collection_return(
        actor=personas.district, org=tree.haizhu, data=data, filename="回盘.xlsx"
    )
    assert result.paid == 1 and "账户余额不足" in result.failed[0]
    medical.refresh_from_db()
    accident.refresh_from_db()
    assert medical.state == Enrolment.State.COVERED and medical.cover_start is not None
    assert (
        medical.cover_start > cleaning.today()
    )  # cover starts on the common date after payment, never before
    assert accident.state == Enrolment.State.DUE and accident.amount_paid == 0
    paid = Contribution.objects.get(enrolment=medical)
    assert paid.method == Contribution.Method.BANK_FILE and paid.amount == medical.amount_due
    assert AuditEntry.objects.get(action="mutualaid.collection.return").detail["paid"] == 1


def test_a_return_file_with_a_wrong_line_changes_nothing(due, tree, personas):
    medical, accident = due
    data = bank_answer(
        [[medical.pk, "600.00", "成功", ""], [accident.pk, "250.00", "成功", ""], [medical.pk, "600.00", "成功", ""],
         [999999, "1", "成功", ""]]
    )  # fmt: skip
    with pytest.raises(Refused) as refused:
        actions.collection_return(actor=personas.district, org=tree.haizhu, data=data, filename="回盘.xlsx")
    text = str(refused.value)
    assert (
        "与未缴金额 200.00 不符" in text
        and "流水号 999999 不是本会待收的互助金" in text
        and "重复出现" in text
    )
    assert not Contribution.objects.exists()
    assert set(Enrolment.objects.values_list("state", flat=True)) == {Enrolment.State.DUE}


def test_the_unit_itself_cannot_read_back_its_own_collection(due, tree, personas):
    data = bank_answer([[due[0].pk, "600.00", "成功", ""]])
    with pytest.raises(Refused, match="不是本会待收的互助金"):
        actions.collection_return(
            actor=personas.grassroots, org=tree.grassroots, data=data, filename="回盘.xlsx"
        )
    with pytest.raises(PermissionDenied):
        actions.collection_return(actor=personas.sibling, org=tree.haizhu, data=data, filename="回盘.xlsx")


def test_the_return_file_is_read_from_the_page(due, tree, personas, login):
    data = bank_answer([[e.pk, str(e.amount_due), "成功", ""] for e in due])
    client = login(personas.district)
    page = client.get(f"{reverse('mutualaid:collections')}?org={tree.haizhu.pk}").content.decode()
    assert "导入回盘" in page and "生成代收文件" not in page  # a clerk reads returns, may not reveal accounts
    response = client.post(
        f"{reverse('mutualaid:collection_return')}?org={tree.haizhu.pk}",
        {"file": SimpleUploadedFile("回盘.xlsx", data)},
    )
    assert response.status_code == 302
    assert Enrolment.objects.filter(state=Enrolment.State.COVERED).count() == 2
    page = client.get(f"{reverse('mutualaid:collections')}?org={tree.haizhu.pk}").content.decode()
    assert "没有待收的互助金" in page
