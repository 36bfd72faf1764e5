"""Plans, workers, enrolments and claims made through the real actions (also for the scope walk)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.kernel import cleaning
from gonghui.kernel.codes import id_number_make
from gonghui.kernel.exporting import Sheet, xlsx_bytes
from gonghui.members.actions import member_apply, member_approve
from gonghui.members.models import Member
from gonghui.members.tests.factories import member_in
from gonghui.mutualaid import actions
from gonghui.mutualaid.models import Benefit, Claim, ClaimFile, Enrolment, Line, Plan
from gonghui.mutualaid.plans import plans_install
from gonghui.orgs.actions import org_update
from gonghui.orgs.models import Level, Org

_seq = itertools.count(1)
SURNAMES = "陈李黄张梁刘林何吴郑罗谢杨叶钟邓"
GIVEN = [
    "建华",
    "秀英",
    "志强",
    "丽娟",
    "伟明",
    "小燕",
    "国平",
    "海燕",
    "家豪",
    "慧敏",
    "锦荣",
    "翠玲",
    "俊杰",
    "美华",
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def plans() -> dict[str, Plan]:
    province = Org.objects.filter(parent__isnull=True, level=Level.PROVINCE).order_by("path").first()
    return {p.code: p for p in plans_install(actor=None, org=province)}


def plan(code: str = "gd-medical") -> Plan:
    return plans()[code]


def worker(
    org: Org, *, sex: str = "男", born: dt.date = dt.date(1985, 6, 1), name: str = "", **values: Any
) -> Member:
    """An approved in-service member of the union (ID number made to carry the sex and birth date)."""
    n = next(_seq)
    seq = (n % 450) * 2 + (1 if sex == "男" else 0)
    number = id_number_make("440105", born + dt.timedelta(days=n // 450), seq or 2)
    values.setdefault("employment_status", "在岗")
    member = member_apply(
        actor=None,
        org=org,
        name=name or SURNAMES[n % len(SURNAMES)] + GIVEN[n % len(GIVEN)],
        id_number=number,
        **values,
    )
    return member_approve(actor=None, member=member, on=dt.date(2020, 3, 1))


def workers(org: Org, n: int, **values: Any) -> list[Member]:
    return [worker(org, **values) for _ in range(n)]


def paid_long_ago() -> dt.date:
    """A payment date whose cover has started and whose waiting periods are over by today."""
    return cleaning.today() - dt.timedelta(days=250)


def enrolment(
    org: Org, code: str = "gd-medical", *, people: list[Member] | None = None, n: int = 10
) -> Enrolment:
    """A handed-in enrolment of `people` (or `n` new workers), money still due."""
    p = plan(code)
    e = actions.enrolment_create(actor=None, org=org, plan=p, year=cleaning.today().year)
    actions.enrolment_add(actor=None, enrolment=e, members=people or workers(org, n), healthy_confirmed=True)
    return actions.enrolment_submit(actor=None, enrolment=e)


def covered(org: Org, code: str = "gd-medical", **kw: Any) -> Enrolment:
    e = enrolment(org, code, **kw)
    actions.contribution_record(actor=None, enrolment=e, amount=e.amount_due, paid_on=paid_long_ago())
    return Enrolment.objects.get(pk=e.pk)


def line_of(e: Enrolment) -> Line:
    return e.lines.filter(live=True).select_related("plan", "enrolment", "member").order_by("id").first()  # type: ignore[return-value]


def claim(line: Line, *, benefit: int = 0, expense: str = "8800", days: int = 0, files: bool = True) -> Claim:
    """A claim on the share, filed by the union, with every material attached."""
    b = list(line.plan.benefits.all())[benefit]
    c = actions.claim_submit(
        actor=None, line=line, benefit=b, event_date=cleaning.today() - dt.timedelta(days=10),
        expense=expense, days=days or (10 if b.basis == "daily" else 0),
    )  # fmt: skip
    if files:
        for m in b.material_list:
            actions.claim_attach(actor=None, claim=c, material=m, upload=SimpleUploadedFile(f"{m}.pdf", PDF))
    return c


# ---- the scope walk: a record at exactly a given org (any level, bypassing the rules) -------


def plan_at(org: Org) -> Plan:
    found = Plan.objects.filter(org=org).first()
    if found is not None:
        return found
    p = Plan.objects.create(
        org=org, code=f"walk-{org.pk}", name=f"{org.name}互助计划", kind=Plan.Kind.MEDICAL, term_years=1,
        price=Decimal("60"), period_cap=Decimal("30000"),
    )  # fmt: skip
    Benefit.objects.create(plan=p, name="住院医疗互助金", basis="fixed", amount=Decimal("1000"),
                           event_cap=Decimal("1000"), materials="诊断证明")  # fmt: skip
    return p


def enrolment_in(org: Org) -> Enrolment:
    found = Enrolment.objects.filter(org=org).first()
    if found is not None:
        return found
    start = cleaning.today() - dt.timedelta(days=200)
    e = Enrolment.objects.create(
        org=org, plan=plan_at(org), year=start.year, state=Enrolment.State.COVERED, shares=1,
        amount_due=Decimal("60"), amount_paid=Decimal("60"), cover_start=start,
        cover_end=start + dt.timedelta(days=364),
    )  # fmt: skip
    m = member_in(org)
    Line.objects.create(enrolment=e, member=m, plan=e.plan, year=e.year, person_bidx=m.id_number_bidx)
    return e


def claim_in(org: Org) -> Claim:
    found = Claim.objects.filter(org=org).first()
    if found is not None:
        return found
    e = enrolment_in(org)
    line = e.lines.first()
    assert line is not None
    c = Claim.objects.create(
        org=org, approver=org, line=line, benefit=e.plan.benefits.first(), event_date=cleaning.today(),
        computed=Decimal("1000"), payable=Decimal("1000"),
    )  # fmt: skip
    f = ClaimFile(claim=c, material="诊断证明", name="诊断证明.pdf", content_type="application/pdf")
    f.file.save("walk.pdf", ContentFile(PDF), save=False)
    f.save()
    return c


WALK = {
    "enrolment_id": enrolment_in,
    "claim_id": claim_in,
    "file_id": lambda org: claim_in(org).files.order_by("id").first().pk,  # type: ignore[union-attr]
}


# ---- the bank -------------------------------------------------------------------------------

ACCOUNT = "6222020200112233445"


def with_account(org: Org) -> Org:
    """The union's bank account (ACCOUNT), as the files to the bank read it."""
    org_update(actor=None, org=org, bank_name="中国工商银行广州赤岗支行", bank_account=ACCOUNT)
    return org


def bank_answer(rows: list[list[Any]]) -> bytes:
    """The bank's return file: a row per line sent (流水号, amount, result, reason), a total below."""
    sheet = Sheet(
        "回盘",
        header=["流水号", "金额（元）", "处理结果", "失败原因"],
        rows=[*rows, ["合计", None, None, None]],
    )
    return xlsx_bytes(sheet, marked=False)
