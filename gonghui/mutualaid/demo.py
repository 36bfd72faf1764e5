"""Demo mutual aid: the plans, 河源's 13,500 shares split over its counties with partial progress,
units under 惠州 and 茂名 enrolled in the medical and the women's plans, the demo member's own
share with a claim of theirs paid, and claims in every state (one refused for the waiting period,
one capped).

Called by the demo loader after members and assistance: `mutualaid_demo_load()`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from gonghui.kernel import cleaning
from gonghui.kernel.codes import credit_code_make, id_number_make
from gonghui.members.actions import member_apply, member_approve
from gonghui.members.models import Member, MemberLogin
from gonghui.orgs.actions import org_create
from gonghui.orgs.models import Level, Org

from . import actions
from .models import Claim, Enrolment, Line, Plan
from .plans import plans_install
from .selectors import in_service_members
from .workflow import claim_refusal, group_meets_rule

# 河源's counties and their shares of the city's 13,500 (女职工安康 included).
HEYUAN = {"源城区": 3000, "东源县": 2600, "和平县": 2000, "龙川县": 2900, "紫金县": 2000, "连平县": 1000}
CITY_QUOTAS = {"河源市总工会": 13500, "惠州市总工会": 26000, "茂名市总工会": 22000}
SURNAMES = "陈黄李梁张刘林何吴郑罗谢冯叶钟邓杨曾"
GIVEN = [
    "丽华",
    "志明",
    "秀珍",
    "国强",
    "美玲",
    "伟杰",
    "燕萍",
    "家辉",
    "淑芬",
    "建新",
    "小红",
    "锦涛",
    "玉梅",
    "汉文",
]
UNITS = ["恒通电子有限公司", "粤兴食品有限公司", "华润五金制品有限公司"]
_n = itertools.count(1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def mutualaid_demo_load(*, progress: Callable[[str], None] = print) -> int:
    """Returns the number of enrolments made; does nothing when there are some already."""
    if Enrolment.objects.exists():
        return 0
    with transaction.atomic():
        province = Org.objects.get(parent__isnull=True, name="广东省总工会")
        plans = {p.code: p for p in plans_install(actor=None, org=province)}
        year = cleaning.today().year
        for name, shares in CITY_QUOTAS.items():
            actions.quota_set(actor=None, org=Org.objects.get(name=name), year=year, shares=shares)
        heyuan = Org.objects.get(name="河源市总工会")
        for county in Org.objects.filter(parent=heyuan, level=Level.COUNTY):
            share = next((v for k, v in HEYUAN.items() if k in county.name), 0)
            if share:
                actions.quota_set(actor=None, org=county, year=year, shares=share)
        made: list[Enrolment] = []
        long_ago = cleaning.today() - dt.timedelta(days=240)
        recent = cleaning.today() - dt.timedelta(days=40)
        # 河源 源城区: two units in force (partial progress against the county's 3,000).
        for unit in _units_under("河源市源城区总工会", 2):
            made += _enrol(unit, plans, women=True, paid_on=long_ago, size=18)
        # 惠州: three units, medical and women's plans; one paid only recently (waiting period).
        huizhou = _units_under("惠州市总工会", 3)
        made += _enrol(huizhou[0], plans, women=True, paid_on=long_ago, size=24)
        made += _enrol(huizhou[1], plans, women=True, paid_on=recent, size=14)
        made += _enrol(huizhou[2], plans, women=False, paid_on=None, size=12)  # handed in, money due
        # 茂名: one unit in force, one still being filled in (below 60%).
        maoming = _units_under("茂名市总工会", 2)
        made += _enrol(maoming[0], plans, women=True, paid_on=long_ago, size=16)
        draft = actions.enrolment_create(actor=None, org=maoming[1], plan=plans["gd-medical"], year=year)
        people = _workers(maoming[1], 20)
        actions.enrolment_add(actor=None, enrolment=draft, members=people[:9], healthy_confirmed=True)
        made.append(draft)
        # The demo member's own union (their phone shows the share).
        own = Org.objects.filter(name="广东九江酒厂有限公司工会").first()
        if own is not None:
            made += _enrol(own, plans, women=False, paid_on=long_ago, size=10)
            _demo_member_claim()
        _claims(huizhou[0], huizhou[1], maoming[0])
    progress(f"  医疗互助：{len(plans)} 个计划，{len(made)} 份团体参保，{Claim.objects.count()} 件申领")
    return len(made)


def _units_under(name: str, n: int) -> list[Org]:
    top = Org.objects.get(name=name)
    units = list(
        Org.objects.filter(path__startswith=top.path, level=Level.GRASSROOTS, status="active").order_by(
            "path"
        )[:n]
    )
    host = Org.objects.filter(path__startswith=top.path, level=Level.COUNTY).order_by("path").first() or top
    for i in range(len(units), n):  # a small demo tree: the units the story needs
        units.append(org_create(
            actor=None, parent=host, level=Level.GRASSROOTS, name=f"{host.name.removesuffix('总工会')}{UNITS[i]}工会",
            division=host.division, credit_code=credit_code_make("81", host.division, 88_000_000 + host.pk * 10 + i),
            on=dt.date(2005, 5, 1), kind="enterprise",
        ))  # fmt: skip
    return units


def _workers(org: Org, n: int, women: int = 0) -> list[Member]:
    people = []
    for i in range(n):
        k = next(_n)
        female = i < women
        seq = (k % 400) * 2 + (0 if female else 1) + 100
        born = dt.date(1970 + k % 30, 1 + k % 12, 1 + k % 27)
        number = id_number_make(org.division or "440000", born, seq % 1000)
        name = SURNAMES[k % len(SURNAMES)] + GIVEN[(k // 3) % len(GIVEN)]
        m = member_apply(actor=None, org=org, name=name, id_number=number, employment_status="在岗",
                         employer_name=org.name.removesuffix("工会"), phone=f"139{k:08d}")  # fmt: skip
        people.append(member_approve(actor=None, member=m, on=dt.date(2018, 3, 1)))
    return people


def _enrol(
    org: Org, plans: dict[str, Plan], *, women: bool, paid_on: dt.date | None, size: int
) -> list[Enrolment]:
    """Enrol every in-service member of the unit (topped up to `size`) in the medical plan, and
    the women among them in 安康; pay when `paid_on` is given."""
    have = list(in_service_members(org))
    people = have + _workers(org, max(size - len(have), 0), women=size // 2)
    year = cleaning.today().year
    main = actions.enrolment_create(actor=None, org=org, plan=plans["gd-medical"], year=year)
    actions.enrolment_add(
        actor=None, enrolment=main, members=people, healthy_confirmed=True, skip_ineligible=True
    )
    groups = [main]
    if women:
        addon = actions.enrolment_create(actor=None, org=org, plan=plans["gd-women"], year=year)
        actions.enrolment_add(
            actor=None, enrolment=addon, members=[p for p in people if p.sex == "女"], skip_ineligible=True
        )
        groups.append(addon)
    # Some on the register are past 60: young workers (women) join until every group qualifies.
    while any(group_meets_rule(e) for e in groups):
        more = _workers(org, 2, women=2)
        for e in groups:
            actions.enrolment_add(actor=None, enrolment=e, members=more, healthy_confirmed=True)
    out = [actions.enrolment_submit(actor=None, enrolment=e) for e in groups]
    if paid_on is not None:
        for e in out:
            actions.contribution_record(
                actor=None, enrolment=e, amount=e.amount_due, paid_on=paid_on, method="bank_file",
                reference=f"HZ{paid_on:%Y%m%d}{e.pk:04d}",
            )  # fmt: skip
    return out


def _file(claim: Claim) -> Claim:
    for m in claim.benefit.material_list:
        actions.claim_attach(actor=None, claim=claim, material=m, upload=SimpleUploadedFile(f"{m}.pdf", PDF))
    return claim


def _demo_member_claim() -> None:
    """The demo member's own claim on their share, filed from the phone and paid since."""
    login = MemberLogin.objects.filter(user__username="member").select_related("user", "member").first()
    if login is None:
        return
    line = (
        Line.objects.filter(member=login.member, live=True, enrolment__state="covered")
        .select_related("plan", "enrolment")
        .first()
    )
    on = cleaning.today() - dt.timedelta(days=12)
    if line is None or line.enrolment.cover_start is None:
        return
    if on < line.enrolment.cover_start + dt.timedelta(days=line.plan.waiting_days):
        return  # still waiting for the cover to pay: nothing to claim for yet
    claim = actions.claim_submit(
        actor=login.user, line=line, benefit=line.plan.benefits.all()[0], event_date=on, expense="5600.00",
        description="急性肠胃炎住院治疗，住院4天", by_member=True,
    )  # fmt: skip
    actions.claim_pay(actor=None, claim=actions.claim_approve(actor=None, claim=_file(claim)))


def _claims(first: Org, recent: Org, third: Org) -> None:
    today = cleaning.today()

    def share(org: Org, nth: int = 0) -> Line:
        lines = Line.objects.filter(
            enrolment__org=org, enrolment__state="covered", plan__code="gd-medical", live=True
        )
        return lines.select_related("plan", "enrolment").order_by("id")[nth]

    def submit(line: Line, expense: str, *, days_ago: int = 12, benefit: int = 0, text: str = "") -> Claim:
        b = list(line.plan.benefits.all())[benefit]
        return actions.claim_submit(
            actor=None, line=line, benefit=b, event_date=today - dt.timedelta(days=days_ago), expense=expense,
            description=text,
        )  # fmt: skip

    # Waiting for review, with its materials.
    _file(submit(share(first, 0), "6800.00", text="急性阑尾炎住院手术，住院7天"))
    # Approved, to be paid; and paid.
    actions.claim_approve(actor=None, claim=_file(submit(share(first, 1), "4300.00", text="肺炎住院治疗")))
    paid = actions.claim_approve(
        actor=None, claim=_file(submit(share(third, 0), "9800.00", text="腰椎间盘突出住院"))
    )
    actions.claim_pay(actor=None, claim=paid)
    # Capped: 35,800 元 of expenses give 17,500 by the schedule, paid at the 10,000 cap per event.
    capped = actions.claim_approve(
        actor=None, claim=_file(submit(share(third, 1), "35800.00", text="冠心病介入治疗"))
    )
    actions.claim_pay(actor=None, claim=capped)
    # Refused for the waiting period (cover started weeks ago).
    early = _file(submit(share(recent, 0), "5200.00", days_ago=5, text="胆囊炎住院"))
    actions.claim_reject(actor=None, claim=early, reason=claim_refusal(early) or "等待期内发病")
    # Withdrawn by the union; and one still missing materials.
    actions.claim_withdraw(actor=None, claim=submit(share(first, 2), "3000.00", text="重复提交"))
    submit(share(third, 2), "5600.00", text="材料待补：出院小结")
