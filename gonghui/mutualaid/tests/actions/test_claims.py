"""Claims: filed by the union or the member, materials checked by content, the benefit from the
schedule within its caps, the waiting period, review by the 代办点 and payment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.kernel import cleaning
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import InvalidTransition
from gonghui.members.actions import member_link_user
from gonghui.mutualaid import actions
from gonghui.mutualaid.models import Claim, Enrolment
from gonghui.mutualaid.tests.factories import PDF, claim, covered, enrolment, line_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def share(tree):
    return line_of(covered(tree.grassroots))


def test_a_claim_is_computed_from_the_schedule_reviewed_by_the_county_and_paid(share, personas, tree):
    c = claim(share, expense="8800.00")  # (8800 - 800) × 50%
    assert (c.computed, c.payable, c.approver) == (Decimal("4000.00"), Decimal("4000.00"), tree.haizhu)
    with pytest.raises(PermissionDenied):
        actions.claim_approve(actor=personas.street, claim=c)  # below the reviewer
    with pytest.raises(PermissionDenied):
        actions.claim_approve(actor=personas.district, claim=c)  # a clerk there may not approve
    c = actions.claim_approve(actor=personas.city, claim=c)
    assert (c.state, c.payable) == ("approved", Decimal("4000.00"))
    c = actions.claim_pay(actor=personas.district, claim=c)
    assert (c.state, c.paid_on) == ("paid", cleaning.today())


def test_the_cap_per_event_is_applied_and_said(share):
    c = actions.claim_approve(actor=None, claim=claim(share, expense="30800"))  # 15000 by schedule
    assert (c.computed, c.payable) == (Decimal("15000.00"), Decimal("10000.00"))
    assert "每次给付上限 10000.00 元" in c.cap_note


def test_claims_never_pay_more_than_the_cap_for_the_period(share):
    for _ in range(3):
        actions.claim_approve(actor=None, claim=claim(share, expense="30800"))  # 3 × 10000 = the cap
    last = claim(share, expense="5000")
    with pytest.raises(InvalidTransition, match=r"达到上限 30000.00 元"):
        actions.claim_approve(actor=None, claim=last)
    assert Claim.objects.get(pk=last.pk).state == "submitted"
    assert sum(c.payable for c in Claim.objects.filter(line=share, state="approved")) == Decimal("30000.00")


def test_the_remainder_of_the_cap_is_paid_and_said(share):
    actions.claim_approve(actor=None, claim=claim(share, expense="30800"))
    actions.claim_approve(actor=None, claim=claim(share, expense="30800"))
    actions.claim_approve(actor=None, claim=claim(share, expense="10800"))  # 5000
    c = actions.claim_approve(actor=None, claim=claim(share, benefit=1))  # 六种重大疾病 10000 fixed
    assert (
        c.computed == Decimal("10000.00")
        and c.payable == Decimal("5000.00")
        and "本次按余额 5000.00 元给付" in c.cap_note
    )


def test_a_claim_in_the_waiting_period_cannot_be_approved_and_says_why(tree):
    e = enrolment(tree.grassroots)
    actions.contribution_record(
        actor=None, enrolment=e, amount=e.amount_due, paid_on=cleaning.today() - dt.timedelta(days=60)
    )
    c = claim(line_of(Enrolment.objects.get(pk=e.pk)))
    with pytest.raises(InvalidTransition, match=r"在等待期内.*等待期 90 天"):
        actions.claim_approve(actor=None, claim=c)
    assert actions.claim_reject(actor=None, claim=c, reason="等待期内发病").state == "rejected"


def test_approval_needs_every_material_of_the_checklist(share):
    c = claim(share, files=False)
    actions.claim_attach(actor=None, claim=c, material="诊断证明", upload=SimpleUploadedFile("诊断.pdf", PDF))
    with pytest.raises(InvalidTransition, match="缺少：住院发票、费用清单、出院小结"):
        actions.claim_approve(actor=None, claim=c)


def test_a_material_is_checked_by_its_content_not_its_name(share):
    c = claim(share, files=False)
    with pytest.raises(Refused, match="不是PDF、JPG 图片、PNG 图片文件"):
        actions.claim_attach(
            actor=None,
            claim=c,
            material="诊断证明",
            upload=SimpleUploadedFile("诊断.pdf", b"<script>alert(1)</script>"),
        )
    with pytest.raises(Refused, match="请选择申领材料"):
        actions.claim_attach(actor=None, claim=c, material="身份证", upload=SimpleUploadedFile("a.pdf", PDF))
    assert not c.files.exists()


def test_the_event_must_fall_within_cover(tree, share):
    b = share.plan.benefits.first()
    with pytest.raises(Refused, match="不在保障期内"):
        actions.claim_submit(
            actor=None, line=share, benefit=b, event_date=share.enrolment.cover_start - dt.timedelta(days=1),
            expense="5000",
        )  # fmt: skip
    due = line_of(enrolment(tree.sibling_grassroots))
    with pytest.raises(Refused, match="尚未生效"):
        actions.claim_submit(actor=None, line=due, benefit=b, event_date=cleaning.today(), expense="5000")


def test_a_member_files_for_their_own_share_only(share, personas, tree):
    b = share.plan.benefits.first()
    kw = {"benefit": b, "event_date": cleaning.today(), "expense": "5000", "by_member": True}
    with pytest.raises(PermissionDenied):
        actions.claim_submit(actor=personas.member, line=share, **kw)
    member_link_user(actor=None, member=share.member, user=personas.member)
    c = actions.claim_submit(actor=personas.member, line=share, **kw)
    assert c.by_member and c.submitted_by == personas.member
    actions.claim_attach(
        actor=personas.member, claim=c, material="诊断证明", upload=SimpleUploadedFile("a.jpg", PDF)
    )
    other = line_of(covered(tree.sibling_grassroots))
    with pytest.raises(PermissionDenied):
        actions.claim_submit(actor=personas.member, line=other, **kw)
    assert actions.claim_withdraw(actor=personas.member, claim=c).state == "withdrawn"
