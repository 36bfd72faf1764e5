"""Every mutual aid page offers a doing exactly when its action succeeds, for every persona (the
tree's personas and an approver of the district)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.conftest import make_user
from gonghui.kernel import cleaning
from gonghui.members.actions import member_link_user
from gonghui.mutualaid import actions
from gonghui.mutualaid.abilities import claim_abilities, enrolment_abilities
from gonghui.mutualaid.models import Enrolment
from gonghui.tests.contract import assert_abilities_agree, assert_pages_offer

from .factories import PDF, claim, covered, enrolment, line_of, workers

pytestmark = pytest.mark.django_db


@pytest.fixture
def everyone(tree, personas):
    return [*personas.items(), ("approver", make_user("haizhu_approver", tree.haizhu, "approver"))]


@pytest.fixture
def enrolments(tree):
    draft = actions.enrolment_create(
        actor=None, org=tree.grassroots, plan=covered(tree.grassroots).plan, year=cleaning.today().year + 1
    )
    actions.enrolment_add(
        actor=None, enrolment=draft, members=workers(tree.grassroots, 3), healthy_confirmed=True
    )
    people = workers(tree.sibling_grassroots, 10)
    due = enrolment(tree.sibling_grassroots, people=people)
    part_paid = enrolment(tree.sibling_grassroots, "gd-allowance", people=people)
    actions.contribution_record(actor=None, enrolment=part_paid, amount="10", paid_on=cleaning.today())
    return [draft, due, part_paid, Enrolment.objects.filter(state="covered").first()]


def test_enrolment_abilities_agree_with_the_actions(enrolments, everyone):
    assert_abilities_agree(
        actors=everyone,
        records=enrolments,
        abilities=enrolment_abilities,
        attempts={
            "submit": lambda a, e: actions.enrolment_submit(actor=a, enrolment=e),
            "reopen": lambda a, e: actions.enrolment_reopen(actor=a, enrolment=e),
            "cancel": lambda a, e: actions.enrolment_cancel(actor=a, enrolment=e),
            "record_payment": lambda a, e: actions.contribution_record(
                actor=a, enrolment=e, amount="1", paid_on=cleaning.today()
            ),
            "remove": lambda a, e: actions.enrolment_remove(actor=a, enrolment=e, line=e.lines.first()),
            "claim": lambda a, e: actions.claim_submit(
                actor=a,
                line=e.lines.first(),
                benefit=e.plan.benefits.first(),
                event_date=cleaning.today(),
                expense="5000",
            ),
        },
    )


@pytest.fixture
def claims(tree, personas):
    share = line_of(covered(tree.grassroots))
    member_link_user(actor=None, member=share.member, user=personas.member)
    waiting = claim(share, expense="5000")
    no_files = claim(share, expense="5000", files=False)
    approved = actions.claim_approve(actor=None, claim=claim(share, expense="5000"))
    paid = actions.claim_pay(
        actor=None, claim=actions.claim_approve(actor=None, claim=claim(share, expense="5000"))
    )
    rejected = actions.claim_reject(actor=None, claim=claim(share, expense="5000"), reason="材料不实")
    return [waiting, no_files, approved, paid, rejected]


def test_claim_abilities_agree_with_the_actions(claims, everyone):
    assert_abilities_agree(
        actors=everyone,
        records=claims,
        abilities=claim_abilities,
        attempts={
            "approve": lambda a, c: actions.claim_approve(actor=a, claim=c),
            "reject": lambda a, c: actions.claim_reject(actor=a, claim=c, reason="不符合条件"),
            "pay": lambda a, c: actions.claim_pay(actor=a, claim=c),
            "withdraw": lambda a, c: actions.claim_withdraw(actor=a, claim=c),
            "attach": lambda a, c: actions.claim_attach(
                actor=a, claim=c, material="诊断证明", upload=SimpleUploadedFile("a.pdf", PDF)
            ),
        },
    )


def _buttons(names):
    return lambda record: {d: reverse(f"mutualaid:{name}", args=[record.pk]) for d, name in names.items()}


def test_the_claim_page_shows_exactly_the_offered_buttons(claims, everyone, login):
    assert_pages_offer(
        login=login, actors=everyone, records=claims, url=lambda c: reverse("mutualaid:claim", args=[c.pk]),
        abilities=claim_abilities, skip=[403, 404],
        buttons=_buttons({d: f"claim_{d}" for d in ("approve", "reject", "pay", "withdraw", "attach")}),
    )  # fmt: skip


def test_the_enrolment_page_shows_exactly_the_offered_buttons(enrolments, everyone, login):
    steps = {d: f"enrolment_{d}" for d in ("submit", "reopen", "cancel", "add", "remove")}
    assert_pages_offer(
        login=login, actors=everyone, records=enrolments, url=lambda e: reverse("mutualaid:enrolment", args=[e.pk]),
        abilities=enrolment_abilities, skip=[403, 404],
        buttons=_buttons({**steps, "record_payment": "enrolment_pay", "claim": "claim_new"}),
    )  # fmt: skip
