"""The benefit's pages: the officer sets it on the campaign, the worker finds it on the portal and
claims one, their voucher page shows the code, the officer redeems it and the campaign page counts
claimed and redeemed; each page offers exactly what the abilities allow."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from gonghui.activities import actions
from gonghui.activities.abilities import benefit_abilities, voucher_abilities
from gonghui.activities.models import Benefit, Voucher
from gonghui.tests.contract import assert_abilities_agree, assert_page_offers

from .factories import make_benefit, make_campaign, make_worker, worker_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def cool(tree):
    return make_campaign(tree.street, "2026年赤岗街道送清凉")


def test_the_officer_sets_a_benefit_from_the_campaign_page(tree, personas, login, cool):
    client = login(personas.street)
    page = client.get(reverse("activities:campaign", args=[cool.pk])).content.decode()
    create = reverse("activities:benefit_create", args=[cool.pk])
    assert f'href="{create}"' in page
    r = client.post(create, {
        "title": "防暑降温慰问品券", "description": "凭券到街道职工服务中心领取", "total": "200", "per_worker": "1",
        "audience": "subtree", "claim_from": cool.starts_on.isoformat(), "claim_until": cool.ends_on.isoformat(),
    })  # fmt: skip
    benefit = Benefit.objects.get(campaign=cool)
    assert r.status_code == 302 and r.url == reverse("activities:benefit", args=[benefit.pk])
    r = client.post(create, {"title": "券", "total": "0", "per_worker": "1", "audience": "subtree",
                             "claim_from": cool.starts_on.isoformat(), "claim_until": cool.ends_on.isoformat()})  # fmt: skip
    assert r.status_code == 422 and Benefit.objects.filter(campaign=cool).count() == 1


def test_a_worker_claims_from_the_portal_and_the_voucher_page_shows_the_code(tree, personas, login, cool):
    benefit = make_benefit(cool)
    worker = make_worker(tree.grassroots, "林小青")
    client = login(worker_user(worker))
    portal = client.get(reverse("portal:home")).content.decode()
    url = reverse("activities:benefit", args=[benefit.pk])
    assert f'href="{url}"' in portal and "防暑降温慰问品券" in portal
    listed = client.get(reverse("activities:open")).content.decode()
    claim = reverse("activities:benefit_claim", args=[benefit.pk])
    assert f'action="{claim}"' in listed

    r = client.post(claim)
    voucher = Voucher.objects.get(benefit=benefit)
    assert r.status_code == 302 and r.url == reverse("activities:voucher", args=[voucher.pk])
    page = client.get(r.url).content.decode()
    shown = re.search(r'id="code">([^<]+)<', page).group(1)
    assert actions.code_read(shown) == voucher.code and "<svg" in page
    # A second claim is refused on the benefit's page, and nothing is written.
    r = client.post(claim)
    assert r.status_code == 422 and "每人限领一份" in r.content.decode()
    assert Voucher.objects.filter(benefit=benefit).count() == 1

    # Nobody else reads the voucher: not a fellow worker, not another branch's officer.
    other = login(worker_user(make_worker(tree.grassroots, "陈大海")))
    assert other.get(reverse("activities:voucher", args=[voucher.pk])).status_code in {403, 404}
    sibling = login(personas.sibling)
    assert sibling.get(reverse("activities:voucher", args=[voucher.pk])).status_code in {403, 404}

    # The street's officer redeems it by the code shown; the campaign page counts it.
    officer = login(personas.street)
    r = officer.post(reverse("activities:benefit_redeem", args=[benefit.pk]), {"code": shown})
    assert r.status_code == 302
    voucher.refresh_from_db()
    assert voucher.state == Voucher.State.REDEEMED and voucher.redeemed_by == personas.street
    r = officer.post(reverse("activities:benefit_redeem", args=[benefit.pk]), {"code": shown})
    assert r.status_code == 422 and "不能重复使用" in r.content.decode()
    page = officer.get(reverse("activities:campaign", args=[cool.pk])).content.decode()
    row = re.search(r'<table class="list" id="benefits">.*?</table>', page, re.S).group(0)
    assert re.findall(r'<td class="num">(\d+)</td>', row) == ["100", "1", "1"]

    # The worker's page no longer shows a code to use.
    mine = login(worker_user(worker)).get(reverse("activities:voucher", args=[voucher.pk])).content.decode()
    assert 'id="code"' not in mine and "已核销" in mine


def test_a_worker_outside_the_subtree_cannot_open_or_claim_the_benefit(tree, login, cool):
    benefit = make_benefit(cool)
    client = login(worker_user(make_worker(tree.sibling_grassroots, "新港职工")))
    assert client.get(reverse("activities:benefit", args=[benefit.pk])).status_code in {403, 404}
    assert client.post(reverse("activities:benefit_claim", args=[benefit.pk])).status_code in {403, 404}
    assert "防暑降温慰问品券" not in client.get(reverse("portal:home")).content.decode()
    assert not Voucher.objects.exists()


def test_benefit_and_voucher_abilities_agree_with_the_actions(tree, personas, cool):
    open_ = make_benefit(cool)
    gone = make_benefit(cool, "最后一份", total=1)
    actions.voucher_claim(actor=worker_user(make_worker(tree.grassroots, "先领")), benefit=gone)
    worker = worker_user(make_worker(tree.grassroots, "林小青"))
    outside = worker_user(make_worker(tree.sibling_grassroots, "新港职工"))
    actors = [*personas.items(), ("worker", worker), ("outside", outside)]
    assert_abilities_agree(
        actors=actors, records=[open_, gone], abilities=benefit_abilities,
        attempts={"claim": lambda actor, b: actions.voucher_claim(actor=actor, benefit=b)},
    )  # fmt: skip
    unused = actions.voucher_claim(actor=worker_user(make_worker(tree.grassroots, "王一")), benefit=open_)
    used = actions.voucher_claim(actor=worker_user(make_worker(tree.grassroots, "李二")), benefit=open_)
    actions.voucher_redeem(actor=None, voucher=used)
    assert_abilities_agree(
        actors=[*personas.items(), ("owner", unused.user)], records=[unused, used], abilities=voucher_abilities,
        attempts={"redeem": lambda actor, v: actions.voucher_redeem(actor=actor, voucher=v)},
    )  # fmt: skip


def test_the_pages_offer_exactly_what_the_abilities_allow(tree, personas, login, cool):
    benefit = make_benefit(cool)
    voucher = actions.voucher_claim(actor=worker_user(make_worker(tree.grassroots, "王一")), benefit=benefit)
    worker = worker_user(make_worker(tree.grassroots, "林小青"))
    for actor in (personas.street, personas.district, personas.grassroots, worker):
        client = login(actor)
        page = client.get(reverse("activities:benefit", args=[benefit.pk]))
        if page.status_code != 200:
            continue
        assert_page_offers(page.content.decode(), benefit_abilities(actor, benefit), {
            "claim": f'action="{reverse("activities:benefit_claim", args=[benefit.pk])}"',
            "redeem": f'action="{reverse("activities:benefit_redeem", args=[benefit.pk])}"',
            "ledger": 'id="vouchers"',
        })  # fmt: skip
    for actor in (personas.street, personas.district, voucher.user):
        page = login(actor).get(reverse("activities:voucher", args=[voucher.pk])).content.decode()
        assert_page_offers(page, voucher_abilities(actor, voucher), {
            "redeem": f'action="{reverse("activities:voucher_redeem", args=[voucher.pk])}"',
            "code": 'id="voucher-code"',
        })  # fmt: skip


def test_a_worker_claims_and_shows_a_voucher_through_the_api_and_the_union_redeems_it(
    tree, personas, login, cool
):
    benefit = make_benefit(cool)
    worker = make_worker(tree.grassroots, "龙小雨")
    client = login(worker_user(worker))
    offered = client.get("/api/activities/benefits/open").json()
    assert [b["id"] for b in offered] == [benefit.pk] and offered[0]["abilities"] == ["claim"]
    r = client.post(f"/api/activities/benefits/{benefit.pk}/claim")
    assert r.status_code == 201 and r.json()["state"] == "claimed"
    voucher = Voucher.objects.get(benefit=benefit)
    assert actions.code_read(r.json()["code"]) == voucher.code
    again = client.post(f"/api/activities/benefits/{benefit.pk}/claim")
    assert again.status_code == 422 and Voucher.objects.filter(benefit=benefit).count() == 1
    assert [v["id"] for v in client.get("/api/activities/vouchers/mine").json()] == [voucher.pk]
    assert (
        client.post(f"/api/activities/vouchers/{voucher.pk}/redeem").status_code == 403
    )  # not hers to redeem

    officer = login(personas.street)
    seen = officer.get(f"/api/activities/vouchers/{voucher.pk}").json()
    assert seen["code"] == "" and "redeem" in seen["abilities"]  # the code is the worker's to show
    done = officer.post(f"/api/activities/vouchers/{voucher.pk}/redeem")
    assert done.status_code == 200 and done.json()["state"] == "redeemed" and done.json()["redeemed_at"]
    outsider = login(personas.sibling)
    assert outsider.get(f"/api/activities/vouchers/{voucher.pk}").status_code in (403, 404)
