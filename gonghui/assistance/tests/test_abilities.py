"""Every assistance page offers a doing exactly when its action succeeds, for every persona: the
tree's personas, an approver of the district (approves, keeps no records) and a viewer of the
street (reads only)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.assistance import actions, selectors
from gonghui.assistance.abilities import (
    application_abilities,
    assistance_abilities,
    batch_abilities,
    household_abilities,
)
from gonghui.assistance.models import Application, Batch, FamilyMember, Household
from gonghui.conftest import make_user
from gonghui.kernel.cleaning import today
from gonghui.kernel.errors import Refused
from gonghui.members.actions import member_link_user
from gonghui.members.keys import id_bidx
from gonghui.members.tests.conftest import make_member
from gonghui.orgs.models import Org, Status
from gonghui.tests.contract import assert_abilities_agree, assert_each_page_offers, assert_pages_offer

from .factories import fund_with, make_household, new_id, worker_values

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def everyone(rules, personas):
    return [
        *personas.items(),
        ("approver", make_user("haizhu_approver", rules.haizhu, "approver")),
        ("viewer", make_user("street_viewer", rules.street, "viewer")),
    ]


@pytest.fixture
def own(rules, personas):
    """The member persona's own household file (found through their membership)."""
    member = make_member(rules.grassroots, name="陈建华", id_number=new_id())
    member_link_user(actor=None, member=member, user=personas.member)
    return make_household(rules.grassroots, id_number=member.id_number, family=[])


def submit(household, amount, kind="living"):
    return actions.application_submit(
        actor=None, household=household, kind=kind, amount=amount, reason="困难"
    )


def approve(application):
    return actions.application_approve(actor=None, application=application)


def set_publicity(rules, days):
    actions.approval_rule_set(
        actor=None, owner=rules.province, level="town", limit="2000", escalate_days=10, publicity_days=days
    )


# ---------------------------------------------------------------------------- applications


@pytest.fixture
def applications(rules, own):
    fund_with(rules.street, "20000")
    fund_with(rules.haizhu, "50000")
    other = make_household(rules.grassroots, family=[])
    set_publicity(rules, 5)
    in_publicity = approve(submit(other, "800", "medical"))
    ended = approve(submit(other, "600", "schooling"))
    Application.objects.filter(pk=ended.pk).update(publicity_until=today())  # its five days are over
    set_publicity(rules, 0)
    approved = approve(submit(other, "700", "visit"))
    paid = actions.application_pay(actor=None, application=approve(submit(other, "300", "warmth")))
    waiting = submit(own, "500")  # the worker's own, at the street
    at_district = submit(own, "5000", "medical")  # beyond the street's authority
    no_fund = submit(make_household(rules.sibling_grassroots, family=[]), "800")  # the sibling has no fund
    return [waiting, at_district, no_fund, in_publicity, ended, approved, paid]


APPLICATION_ATTEMPTS = {
    "approve": lambda actor, a: actions.application_approve(actor=actor, application=a),
    "reject": lambda actor, a: actions.application_reject(actor=actor, application=a, reason="不符合条件"),
    "publicity_end": lambda actor, a: actions.application_end_publicity(actor=actor, application=a),
    "pay": lambda actor, a: actions.application_pay(actor=actor, application=a),
    "withdraw": lambda actor, a: actions.application_withdraw(actor=actor, application=a),
    "open_file": lambda actor, a: selectors.household_get_for_actor(actor=actor, pk=a.household_id),
}


def test_application_abilities_agree_with_the_actions(everyone, applications):
    assert_abilities_agree(
        actors=everyone, records=applications, abilities=application_abilities, attempts=APPLICATION_ATTEMPTS
    )


def test_the_application_page_shows_exactly_the_offered_buttons(everyone, applications, login):
    paths = {"approve": "approve/", "reject": "reject/", "publicity_end": "publicity-end/", "pay": "pay/",
             "withdraw": "withdraw/"}  # fmt: skip
    assert_pages_offer(
        login=login, actors=everyone, records=applications,
        url=lambda a: reverse("assistance:application_detail", args=[a.pk]), abilities=application_abilities,
        buttons=lambda a: {**{d: f"/assistance/applications/{a.pk}/{p}" for d, p in paths.items()},
                           "open_file": f"/assistance/households/{a.household_id}/"},
    )  # fmt: skip


def test_the_page_says_why_an_approver_cannot_approve_yet(everyone, applications, login, rules):
    no_fund, in_publicity = applications[2], applications[3]
    sibling = dict(everyone)["sibling"]
    page = login(sibling).get(reverse("assistance:application_detail", args=[no_fund.pk])).content.decode()
    assert "「新港街道总工会」尚无" in page and f"/applications/{no_fund.pk}/approve/" not in page
    street = dict(everyone)["street"]
    page = (
        login(street).get(reverse("assistance:application_detail", args=[in_publicity.pk])).content.decode()
    )
    assert "期满后才能结束公示" in page and f"/applications/{in_publicity.pk}/reject/" in page


def test_the_api_answers_the_same_abilities(everyone, applications, login):
    waiting = applications[0]
    for name in ("street", "member", "approver"):
        user = dict(everyone)[name]
        body = login(user).get(f"/api/assistance/applications/{waiting.pk}").json()
        assert body["abilities"] == application_abilities(user, waiting).names(), name


# ------------------------------------------------------------------------------ households


@pytest.fixture
def households(rules, personas, own, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    filed_by_grassroots = make_household(rules.grassroots, actor=personas.grassroots, family=[])
    busy = make_household(rules.grassroots, family=[])
    submit(busy, "500")
    reviewed = actions.household_review(actor=None, household=make_household(rules.grassroots, family=[]))
    exited = make_household(rules.grassroots, family=[])
    actions.household_exit(actor=None, household=exited, reason="再就业，收入稳定")
    sibling = make_household(rules.sibling_grassroots, family=[])
    return [filed_by_grassroots, busy, reviewed, exited, sibling, own]


def second_file_of(household: Household) -> Household:
    """The same family filed twice, as paper records entered twice leave it (the actions refuse
    to make it, so it is written directly)."""
    number = new_id()
    other = Household.objects.get(pk=household.pk)
    other.pk, other.file_no, other.status = None, f"DUP{household.pk}", Household.Status.ACTIVE
    other.id_number, other.id_bidx = number, id_bidx(number)
    other.save()
    FamilyMember.objects.create(
        household=other, name=household.name, relation="配偶", sex=household.sex, id_number=household.id_number,
        id_bidx=household.id_bidx, birth_date=household.birth_date, identity="在岗", insurance="职工医保",
    )  # fmt: skip
    return other


HOUSEHOLD_ATTEMPTS = {
    "edit": lambda actor, h: actions.household_update(
        actor=actor, household=h, values=worker_values(id_number=h.id_number, name=h.name), family=[]
    ),
    "apply": lambda actor, h: actions.application_submit(
        actor=actor, household=h, kind="visit", amount="300", reason="节日慰问"
    ),
    "apply_self": lambda actor, h: actions.application_submit(
        actor=actor, household=h, kind="visit", amount="300", reason="节日慰问", by_member=True
    ),
    "verify": lambda actor, h: actions.household_verify(actor=actor, household=h),
    "exit": lambda actor, h: actions.household_exit(actor=actor, household=h, reason="家庭收入提高"),
    "merge": lambda actor, h: actions.household_merge(actor=actor, keep=h, other=second_file_of(h)),
    "attach": lambda actor, h: actions.attachment_add(
        actor=actor, household=h, kind="其他", name="", upload=SimpleUploadedFile("证明.pdf", PDF)
    ),
    "review": lambda actor, h: actions.household_review(actor=actor, household=h),
    "reveal": lambda actor, h: actions.household_reveal(actor=actor, household=h),
}


def test_household_abilities_agree_with_the_actions(everyone, households):
    assert_abilities_agree(
        actors=everyone, records=households, abilities=household_abilities, attempts=HOUSEHOLD_ATTEMPTS
    )


def test_the_household_page_shows_exactly_the_offered_buttons(everyone, households, login):
    doings = ["edit", "apply", "verify", "exit", "merge", "review", "reveal"]
    assert_pages_offer(
        login=login, actors=everyone, records=households,
        url=lambda h: reverse("assistance:household_detail", args=[h.pk]), abilities=household_abilities,
        buttons=lambda h: {**{d: f"/assistance/households/{h.pk}/{d}/" for d in doings},
                           "attach": f"/assistance/households/{h.pk}/attachments/"},
    )  # fmt: skip


def test_the_workers_own_page_offers_to_apply_while_the_file_is_on_record(own, personas, login):
    client = login(personas.member)
    assert reverse("assistance:me_apply") in client.get(reverse("assistance:me")).content.decode()
    actions.household_exit(actor=None, household=own, reason="再就业")
    assert reverse("assistance:me_apply") not in client.get(reverse("assistance:me")).content.decode()
    assert client.get(reverse("assistance:me_apply")).status_code == 403


@pytest.mark.parametrize("doing", ["edit", "exit", "merge", "apply"])
def test_a_form_for_a_doing_the_person_may_not_do_is_refused_before_it_is_shown(
    everyone, households, login, doing
):
    exited, filed = households[3], households[0]
    pages = {"edit": "household_edit", "exit": "household_exit", "merge": "household_merge",
             "apply": "application_create"}  # fmt: skip
    clerk = login(dict(everyone)["district"])
    assert clerk.get(reverse(f"assistance:{pages[doing]}", args=[exited.pk])).status_code == 403
    viewer = login(dict(everyone)["viewer"])
    assert viewer.get(reverse(f"assistance:{pages[doing]}", args=[filed.pk])).status_code == 403
    assert (
        login(dict(everyone)["street"])
        .get(reverse(f"assistance:{pages[doing]}", args=[filed.pk]))
        .status_code
        == 200
    )


# --------------------------------------------------------------------------------- batches


def paid_in_full(batch: Batch) -> bytes:
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(["流水号", "户名", "金额", "处理结果", "失败原因"])
    for line in batch.lines.select_related("household").order_by("id"):
        out.writerow([line.pk, line.household.name, str(line.amount), "成功", ""])
    return buf.getvalue().encode("gb18030")


@pytest.fixture
def batches(rules):
    for org in (rules.grassroots, rules.grassroots, rules.sibling_grassroots):
        make_household(org, family=[], monthly_income="900", rigid_expenses="0")
    fund_with(rules.street, "10000")
    fund_with(rules.sibling_street, "100")

    def new(org):
        return actions.batch_create(actor=None, org=org, title="生活救助", kind="living", amount="600",
                                    criteria=actions.Criteria(within=org, tier="deep"))  # fmt: skip

    draft, short, approved, closed = (
        new(rules.street),
        new(rules.sibling_street),
        new(rules.street),
        new(rules.street),
    )
    actions.batch_approve(actor=None, batch=approved)
    actions.batch_approve(actor=None, batch=closed)
    actions.batch_return_apply(actor=None, batch=closed, data=paid_in_full(closed), filename="回盘.csv")
    return [draft, short, approved, closed]


BATCH_ATTEMPTS = {
    "approve": lambda actor, b: actions.batch_approve(actor=actor, batch=b),
    "payment_file": lambda actor, b: actions.batch_payment_file(
        actor=actor, batch=b, fmt="csv", watermark=""
    ),
    "bank_return": lambda actor, b: actions.batch_return_apply(
        actor=actor, batch=b, data=paid_in_full(b), filename="回盘.csv"
    ),
}


def test_batch_abilities_agree_with_the_actions(everyone, batches):
    assert [b.state for b in Batch.objects.order_by("id")] == ["draft", "draft", "approved", "closed"]
    assert_abilities_agree(
        actors=everyone, records=batches, abilities=batch_abilities, attempts=BATCH_ATTEMPTS
    )


def test_the_batch_page_shows_exactly_the_offered_buttons(everyone, batches, login):
    assert_pages_offer(
        login=login, actors=everyone, records=batches,
        url=lambda batch: reverse("assistance:batch_detail", args=[batch.pk]),
        abilities=batch_abilities,
        buttons=lambda batch: {"approve": f"/assistance/batches/{batch.pk}/approve/",
                               "payment_file": f"/assistance/batches/{batch.pk}/payment-file/",
                               "bank_return": f"/assistance/batches/{batch.pk}/bank-return/"},
    )  # fmt: skip


# ------------------------------------------------------------------------------ the union


def _allocate(actor, org):
    below = Org.objects.filter(parent=org, status=Status.ACTIVE).first()
    if below is None:
        raise Refused({"target": "没有下级工会。"})
    fund_with(org, "1000", year=2026)
    return actions.fund_allocate(actor=actor, source=org, target=below, year=2026, amount="500")


UNION_ATTEMPTS = {
    "file": lambda actor, org: actions.household_create(
        actor=actor, org=org, values=worker_values(), family=[]
    ),
    "create_batch": lambda actor, org: actions.batch_create(
        actor=actor,
        org=org,
        title="送温暖",
        kind="warmth",
        amount="500",
        criteria=actions.Criteria(within=org),
    ),
    "deposit": lambda actor, org: actions.fund_deposit(
        actor=actor, org=org, year=2026, amount="1000", note="本级预算"
    ),
    "allocate": _allocate,
    "set_rules": lambda actor, org: actions.approval_rule_set(
        actor=actor, owner=org, level="town", limit="3000"
    ),
}


@pytest.fixture
def unions(rules):
    make_household(rules.grassroots, family=[])
    make_household(rules.sibling_grassroots, family=[])
    return [
        rules.province,
        rules.guangzhou,
        rules.haizhu,
        rules.street,
        rules.grassroots,
        rules.sibling_street,
    ]


def test_union_abilities_agree_with_the_actions(everyone, unions):
    assert_abilities_agree(
        actors=everyone, records=unions, abilities=assistance_abilities, attempts=UNION_ATTEMPTS
    )


UNION_PAGES = {  # a union's list pages, and on each what only a doing's button has
    "/assistance/?within={pk}": {"file": "/assistance/households/new/?org={pk}"},
    "/assistance/funds/?org={pk}": {
        "allocate": "/assistance/funds/allocate/?org={pk}",
        "deposit": "/assistance/funds/deposit/?org={pk}",
    },
    "/assistance/settings/rules/?org={pk}": {"set_rules": 'name="limit"'},
}


def test_the_list_pages_offer_exactly_the_unions_doings(everyone, unions, login):
    assert_each_page_offers(
        login=login, actors=everyone, records=unions, abilities=assistance_abilities, pages=UNION_PAGES
    )


def test_read_only_and_approving_roles_are_not_offered_new_batches_or_files(everyone, unions, login):
    for name in ("viewer", "approver", "member"):
        page = login(dict(everyone)[name]).get(reverse("assistance:batches")).content.decode()
        assert reverse("assistance:batch_create") not in page, name
        page = login(dict(everyone)[name]).get(reverse("assistance:households")).content.decode()
        assert reverse("assistance:household_create") not in page, name
    page = login(dict(everyone)["street"]).get(reverse("assistance:batches")).content.decode()
    assert reverse("assistance:batch_create") in page
