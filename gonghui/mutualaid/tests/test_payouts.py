"""Payouts through the bank: the payment file to each grassroots union's account (audited, for
who may reveal), and the return file marking claims paid or saying why the bank refused."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from gonghui.core.models import AuditEntry
from gonghui.kernel.errors import Refused
from gonghui.mutualaid import actions
from gonghui.mutualaid.models import Claim

from .factories import ACCOUNT, bank_answer, claim, covered, line_of, with_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(tree):
    with_account(tree.grassroots)
    share = line_of(covered(tree.grassroots))
    return [actions.claim_approve(actor=None, claim=claim(share, expense=e)) for e in ("8800", "4800")]


def test_the_payment_file_holds_each_unions_account_and_is_audited(approved, tree, personas, login):
    with pytest.raises(PermissionDenied):
        actions.payout_file(actor=personas.district, approver=tree.haizhu)  # a clerk may not reveal
    response = login(personas.city).get(f"{reverse('mutualaid:payout_file')}?org={tree.haizhu.pk}")
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    values = book.get_sheet_by_index(0).to_python()
    ids = {float(c.pk) for c in approved} | {str(c.pk) for c in approved} | {c.pk for c in approved}
    lines = [r for r in values if r[0] in ids]
    assert len(lines) == 2 and all(r[3] == ACCOUNT and r[1] == "赤岗街道联合工会" for r in lines)
    entry = AuditEntry.objects.get(action="mutualaid.payout.file")
    assert entry.actor == personas.city and entry.detail["count"] == 2 and entry.detail["total"] == "6000.00"


def test_the_return_file_marks_paid_and_says_what_the_bank_refused(approved, tree, personas):
    first, second = approved
    data = bank_answer([[first.pk, "4000.00", "成功", ""], [second.pk, "2000.00", "失败", "户名与账号不符"]])
    result = actions.payout_return(
        actor=personas.district, approver=tree.haizhu, data=data, filename="回盘.xlsx"
    )
    assert result.paid == 1 and "户名与账号不符" in result.failed[0]
    assert Claim.objects.get(pk=first.pk).state == "paid"
    assert Claim.objects.get(pk=second.pk).state == "approved"


def test_a_return_file_with_a_wrong_line_changes_nothing(approved, tree, personas):
    first, second = approved
    data = bank_answer(
        [[first.pk, "4000.00", "成功", ""], [second.pk, "2500.00", "成功", ""], [999999, "1", "成功", ""]]
    )
    with pytest.raises(Refused) as refused:
        actions.payout_return(actor=personas.district, approver=tree.haizhu, data=data, filename="回盘.xlsx")
    text = str(refused.value)
    assert "与核定给付 2000.00 不符" in text and "流水号 999999 不是本会待给付的互助金" in text
    assert not Claim.objects.filter(state="paid").exists()


def test_the_return_file_is_read_from_the_page(approved, tree, personas, login):
    first, second = approved
    data = bank_answer([[first.pk, "4000.00", "成功", ""], [second.pk, "2000.00", "成功", ""]])
    client = login(personas.district)
    response = client.post(
        f"{reverse('mutualaid:payout_return')}?org={tree.haizhu.pk}",
        {"file": SimpleUploadedFile("回盘.xlsx", data)},
    )
    assert response.status_code == 302
    assert Claim.objects.filter(state="paid").count() == 2
    page = client.get(f"{reverse('mutualaid:payouts')}?org={tree.haizhu.pk}").content.decode()
    assert "没有待给付的互助金" in page
