"""The worker's own cover and claims on the member portal's home (mutualaid/home.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gonghui.mutualaid import actions
from gonghui.mutualaid.models import Enrolment, Line
from gonghui.services.tests.factories import make_worker
from gonghui.tests.portal_home import links, panel, portal_home, portal_queries

from .factories import claim, covered, workers

pytestmark = pytest.mark.django_db
TITLE = "我的互助保障"


def _unit(tree):  # type: ignore[no-untyped-def]
    """Two workers with logins among the ten in-service workers of a union enrolled and paid."""
    me = make_worker(tree.grassroots, "林小青", username="lin", phone="13800138001")
    other = make_worker(tree.grassroots, "王小红", username="wang", phone="13800138002")
    e = covered(tree.grassroots, people=[me, other, *workers(tree.grassroots, 8)])
    return me, other, e


def _share(e: Enrolment, member) -> Line:  # type: ignore[no-untyped-def]
    return e.lines.select_related("plan", "enrolment", "member").get(member=member, live=True)


def test_a_worker_sees_their_cover_and_their_claims_with_what_was_paid(tree, login):
    me, _other, e = _unit(tree)
    paid = claim(_share(e, me))
    paid = actions.claim_pay(actor=None, claim=actions.claim_approve(actor=None, claim=paid))
    waiting = claim(_share(e, me), benefit=1)
    client = login(me.login.user)
    mine = panel(portal_home(client), TITLE)
    assert e.plan.name in mine and "已生效" in mine
    assert f"保障期 {e.cover_start:%Y-%m-%d} 至 {e.cover_end:%Y-%m-%d}" in mine
    assert "保障：住院医疗互助金、六种重大疾病互助金" in mine
    assert "申领：住院医疗互助金" in mine and f"已给付 · {paid.payable} 元" in mine and paid.payable > 0
    assert "申领：六种重大疾病互助金" in mine and "待审核" in mine
    assert waiting.payable > 0 and f"{waiting.payable} 元" not in mine  # nothing paid yet
    claim_pages = {reverse("mutualaid:claim", args=[c.pk]) for c in (paid, waiting)}
    assert claim_pages <= set(links(mine))
    for url in links(mine):  # every line opens a page the worker may see
        assert client.get(url).status_code == 200


def test_a_worker_never_sees_a_colleagues_claims(tree, login):
    me, other, e = _unit(tree)
    theirs = claim(_share(e, other))
    mine = claim(_share(e, me), benefit=1)
    page = panel(portal_home(login(me.login.user)), TITLE)
    assert reverse("mutualaid:claim", args=[mine.pk]) in links(page)
    assert reverse("mutualaid:claim", args=[theirs.pk]) not in links(page)
    assert "申领：住院医疗互助金" not in page  # the colleague's benefit


def test_a_worker_without_a_share_has_no_mutual_aid_panel_though_colleagues_have(tree, login):
    _me, other, e = _unit(tree)
    claim(_share(e, other))
    outsider = make_worker(tree.grassroots, "张小明", username="zhang", phone="13800138003")
    page = portal_home(login(outsider.login.user))
    assert panel(page, TITLE) == "" and e.plan.name not in page


def test_the_panel_costs_the_same_queries_whatever_the_number_of_claims(tree, login):
    me, _other, e = _unit(tree)
    claim(_share(e, me))
    client = login(me.login.user)
    few = portal_queries(client)
    for expense in ("1800", "2800", "3800", "4800", "5800", "6800"):
        claim(_share(e, me), expense=expense)
    assert portal_queries(client) <= few
    assert panel(portal_home(client), TITLE).count("申领：") == 5  # the latest five
