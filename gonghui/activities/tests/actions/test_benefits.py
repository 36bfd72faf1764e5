"""A campaign's benefit (送清凉's 防暑降温慰问品券): the union sets it, a worker of the campaign's
subtree claims a voucher within the period and their share, the union redeems it once; every
refusal is in Chinese and writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gonghui.activities import actions
from gonghui.activities.models import Benefit, Voucher
from gonghui.conftest import make_user
from gonghui.core.models import AuditEntry
from gonghui.kernel.registry import registry

from ..factories import make_benefit, make_campaign, make_group, make_worker, worker_user

pytestmark = pytest.mark.django_db


def refusal(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return "；".join(exc.value.messages)


@pytest.fixture
def cool(tree):
    return make_campaign(tree.street, "2026年赤岗街道送清凉")


def test_a_worker_claims_a_voucher_with_its_own_code_and_the_claim_is_audited(tree, cool):
    benefit = make_benefit(cool, total=50)
    first = worker_user(make_worker(tree.grassroots, "林小青"))
    second = worker_user(make_worker(tree.grassroots, "陈大海"))
    one = actions.voucher_claim(actor=first, benefit=benefit)
    two = actions.voucher_claim(actor=second, benefit=benefit)
    assert (one.seq, two.seq) == (1, 2)
    assert one.state == Voucher.State.CLAIMED and one.name == "林小青" and one.unit == tree.grassroots.name
    assert len(one.code) == 12 and one.code != two.code
    benefit.refresh_from_db()
    assert benefit.issued == 2
    row = AuditEntry.objects.get(action="activities.voucher.claim", object_id=str(one.pk))
    assert row.org_id == tree.street.pk and row.detail["voucher"] == 1 and row.detail["name"] == "林小青"


def test_a_second_claim_is_refused_in_chinese_and_writes_nothing(tree, cool):
    benefit = make_benefit(cool)
    worker = worker_user(make_worker(tree.grassroots))
    actions.voucher_claim(actor=worker, benefit=benefit)
    audits = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        actions.voucher_claim(actor=worker, benefit=benefit)
    assert "每人限领一份" in refusal(exc)
    assert Voucher.objects.filter(benefit=benefit).count() == 1 and AuditEntry.objects.count() == audits
    benefit.refresh_from_db()
    assert benefit.issued == 1


def test_a_worker_may_claim_up_to_the_share_the_union_set(tree, cool):
    benefit = make_benefit(cool, per_worker=2)
    worker = worker_user(make_worker(tree.grassroots))
    actions.voucher_claim(actor=worker, benefit=benefit)
    actions.voucher_claim(actor=worker, benefit=benefit)
    with pytest.raises(ValidationError) as exc:
        actions.voucher_claim(actor=worker, benefit=benefit)
    assert "已领取 2 份" in refusal(exc)
    assert Voucher.objects.filter(benefit=benefit).count() == 2


def test_when_all_are_claimed_the_next_worker_is_refused(tree, cool):
    benefit = make_benefit(cool, total=1)
    actions.voucher_claim(actor=worker_user(make_worker(tree.grassroots, "王一")), benefit=benefit)
    late = worker_user(make_worker(tree.grassroots, "李二"))
    with pytest.raises(ValidationError) as exc:
        actions.voucher_claim(actor=late, benefit=benefit)
    assert "已领完" in refusal(exc)
    assert not Voucher.objects.filter(user=late).exists()


def test_claims_are_refused_before_and_after_the_claim_period(tree, cool):
    today = timezone.localdate()
    worker = worker_user(make_worker(tree.grassroots))
    later = make_benefit(cool, "下周发放的慰问品券", claim_from=today + dt.timedelta(days=7))
    with pytest.raises(ValidationError) as exc:
        actions.voucher_claim(actor=worker, benefit=later)
    assert "起才能领取" in refusal(exc)
    over = make_benefit(
        cool, "上周截止的慰问品券", claim_from=cool.starts_on, claim_until=today - dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as exc:
        actions.voucher_claim(actor=worker, benefit=over)
    assert "领取已于" in refusal(exc) and "截止" in refusal(exc)
    assert not Voucher.objects.exists()


def test_only_members_of_the_campaigns_subtree_may_claim(tree, cool):
    benefit = make_benefit(cool)
    outside = worker_user(make_worker(tree.sibling_grassroots, "新港职工"))
    with pytest.raises(ValidationError) as exc:
        actions.voucher_claim(actor=outside, benefit=benefit)
    assert f"仅限{tree.street.name}及下级工会的会员领取" in refusal(exc)
    # A login with no membership behind it is no member of anything.
    stranger = make_user("no_member", None)
    with pytest.raises(ValidationError) as exc:
        actions.voucher_claim(actor=stranger, benefit=benefit)
    assert "会员领取" in refusal(exc)
    assert not Voucher.objects.exists()
    assert not [o for o in registry.offers(stranger) if o.key.startswith("benefit:")]


def test_a_benefit_kept_for_a_group_is_claimed_only_by_those_on_its_list(tree, cool):
    group = make_group(tree.street, "高温户外一线职工")
    listed = make_worker(tree.grassroots, "环卫老周")
    actions.group_add(actor=None, group=group, member=listed)
    benefit = make_benefit(cool, audience=Benefit.Audience.GROUP, group=group)
    other = worker_user(make_worker(tree.grassroots, "办公室小王"))
    with pytest.raises(ValidationError) as exc:
        actions.voucher_claim(actor=other, benefit=benefit)
    assert "仅限「高温户外一线职工」名单中的会员领取" in refusal(exc)
    assert actions.voucher_claim(actor=worker_user(listed), benefit=benefit).name == "环卫老周"


def test_a_closed_campaigns_benefit_cannot_be_claimed(tree, cool):
    benefit = make_benefit(cool)
    actions.campaign_close(actor=None, campaign=cool)
    with pytest.raises(ValidationError) as exc:
        actions.voucher_claim(actor=worker_user(make_worker(tree.grassroots)), benefit=benefit)
    assert "不能再领取" in refusal(exc)


# ------------------------------------------------------------------------------ setting one


def test_the_campaigns_union_sets_a_benefit_and_it_is_audited(tree, personas, cool):
    benefit = actions.benefit_set(
        actor=personas.street, campaign=cool, title="防暑降温慰问品券", total="300",
        claim_from=cool.starts_on, claim_until=cool.ends_on,
    )  # fmt: skip
    assert benefit.per_worker == 1 and benefit.total == 300 and benefit.audience == Benefit.Audience.SUBTREE
    row = AuditEntry.objects.get(action="activities.benefit.set")
    assert row.detail["capacity"] == 300 and row.org_id == tree.street.pk


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"claim_from": "starts-1"}, "领取期间应在专项活动期间"),
        ({"claim_until": "ends+1"}, "领取期间应在专项活动期间"),
        ({"total": 0}, "可领取总数"),
        ({"per_worker": 11}, "每人限领"),
        ({"audience": "group"}, "请选择群体"),
    ],
)
def test_setting_a_benefit_refuses_what_does_not_fit_and_writes_nothing(tree, cool, values, words):
    given = {"title": "慰问品券", "total": 10, "claim_from": cool.starts_on, "claim_until": cool.ends_on}
    for key, value in values.items():
        given[key] = {
            "starts-1": cool.starts_on - dt.timedelta(days=1),
            "ends+1": cool.ends_on + dt.timedelta(days=1),
        }.get(value, value)  # type: ignore[call-overload]
    with pytest.raises(ValidationError) as exc:
        actions.benefit_set(actor=None, campaign=cool, **given)
    assert words in refusal(exc)
    assert (
        not Benefit.objects.exists()
        and not AuditEntry.objects.filter(action="activities.benefit.set").exists()
    )


def test_no_benefit_on_a_closed_campaign_nor_by_another_branch(tree, personas, cool):
    with pytest.raises(PermissionDenied):
        actions.benefit_set(actor=personas.sibling, campaign=cool, title="券", total=1,
                            claim_from=cool.starts_on, claim_until=cool.ends_on)  # fmt: skip
    actions.campaign_close(actor=None, campaign=cool)
    with pytest.raises(ValidationError) as exc:
        actions.benefit_set(actor=None, campaign=cool, title="券", total=1,
                            claim_from=cool.starts_on, claim_until=cool.ends_on)  # fmt: skip
    assert "不能再设置领取福利" in refusal(exc)
    assert not Benefit.objects.exists()


def test_a_group_of_another_branch_cannot_be_chosen(tree, cool):
    group = make_group(tree.sibling_street, "新港街道外卖骑手")
    with pytest.raises(ValidationError) as exc:
        make_benefit(cool, audience=Benefit.Audience.GROUP, group=group)
    assert "不是发起工会或其上级工会建立的群体" in refusal(exc)


# -------------------------------------------------------------------------------- redeeming


def test_the_union_redeems_a_voucher_by_its_code_once_and_it_is_audited(tree, personas, cool):
    benefit = make_benefit(cool)
    voucher = actions.voucher_claim(actor=worker_user(make_worker(tree.grassroots)), benefit=benefit)
    typed = actions.code_shown(voucher.code).lower()  # as read out: dashes, lower case
    done = actions.voucher_redeem_by_code(actor=personas.street, benefit=benefit, code=typed)
    assert done.pk == voucher.pk and done.state == Voucher.State.REDEEMED
    assert done.redeemed_by == personas.street and done.redeemed_at is not None
    row = AuditEntry.objects.get(action="activities.voucher.redeem")
    assert row.org_id == tree.street.pk and row.detail["voucher"] == voucher.seq
    with pytest.raises(ValidationError) as exc:
        actions.voucher_redeem_by_code(actor=personas.street, benefit=benefit, code=voucher.code)
    assert "不能重复使用" in refusal(exc)
    assert AuditEntry.objects.filter(action="activities.voucher.redeem").count() == 1


def test_a_wrong_code_or_another_benefits_code_is_refused(tree, personas, cool):
    benefit = make_benefit(cool)
    other = make_benefit(cool, "防暑药品券")
    voucher = actions.voucher_claim(actor=worker_user(make_worker(tree.grassroots)), benefit=other)
    with pytest.raises(ValidationError) as exc:
        actions.voucher_redeem_by_code(actor=personas.street, benefit=benefit, code=voucher.code)
    assert "不是「防暑降温慰问品券」的券" in refusal(exc)
    with pytest.raises(ValidationError) as exc:
        actions.voucher_redeem_by_code(actor=personas.street, benefit=benefit, code="ABCD-EFGH-JKMN")
    assert "券码无效" in refusal(exc)
    voucher.refresh_from_db()
    assert voucher.state == Voucher.State.CLAIMED


def test_only_the_campaigns_union_or_above_redeems(tree, personas, cool):
    benefit = make_benefit(cool)
    voucher = actions.voucher_claim(actor=worker_user(make_worker(tree.grassroots)), benefit=benefit)
    for outsider in (personas.grassroots, personas.sibling, worker_user(voucher.member)):
        with pytest.raises(PermissionDenied):
            actions.voucher_redeem(actor=outsider, voucher=voucher)
    voucher.refresh_from_db()
    assert voucher.state == Voucher.State.CLAIMED
    assert actions.voucher_redeem(actor=personas.district, voucher=voucher).state == Voucher.State.REDEEMED


# ---------------------------------------------------------------------------- the offers list


def test_the_portals_offers_list_the_benefit_to_a_worker_of_the_subtree_only(tree, cool):
    benefit = make_benefit(cool)
    key = f"benefit:{benefit.pk}"
    inside = worker_user(make_worker(tree.grassroots, "林小青"))
    sibling = worker_user(make_worker(tree.sibling_grassroots, "新港职工"))
    offered = {o.key: o for o in registry.offers(inside)}
    assert key in offered and offered[key].title == "防暑降温慰问品券"
    assert "剩余100份" in offered[key].note and offered[key].org == tree.street.name
    assert key not in {o.key for o in registry.offers(sibling)}
    # Claimed up to the share, it is no longer offered.
    actions.voucher_claim(actor=inside, benefit=benefit)
    assert key not in {o.key for o in registry.offers(inside)}


def test_the_offers_leave_out_a_benefit_out_of_period_or_all_claimed(tree, cool):
    today = timezone.localdate()
    worker = worker_user(make_worker(tree.grassroots))
    later = make_benefit(cool, "下周的券", claim_from=today + dt.timedelta(days=7))
    gone = make_benefit(cool, "最后一份", total=1)
    actions.voucher_claim(actor=worker_user(make_worker(tree.grassroots, "先领的人")), benefit=gone)
    keys = {o.key for o in registry.offers(worker)}
    assert f"benefit:{later.pk}" not in keys and f"benefit:{gone.pk}" not in keys
