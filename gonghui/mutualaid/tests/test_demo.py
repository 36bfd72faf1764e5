from gonghui.accounts.models import User
from gonghui.mutualaid.demo import mutualaid_demo_load
from gonghui.mutualaid.models import Claim, Enrolment, Quota
from gonghui.mutualaid.selectors import progress_for_actor
from gonghui.orgs.models import Org
from gonghui.tests.portal_home import panel, portal_home


def test_demo_mutual_aid_loads_once_with_quotas_enrolments_and_claims_in_every_state(demo_federation):
    assert Enrolment.objects.count() >= 10
    assert mutualaid_demo_load(progress=lambda s: None) == 0  # once only
    heyuan = Org.objects.get(name="河源市总工会")
    top, counties = progress_for_actor(actor=None, org=heyuan, year=Quota.objects.first().year)
    assert top.quota == 13500 == sum(c.quota or 0 for c in counties)
    assert 0 < top.shares < top.quota
    assert set(Enrolment.objects.values_list("state", flat=True)) == {"draft", "due", "covered"}
    assert set(Claim.objects.values_list("state", flat=True)) == {
        "submitted",
        "approved",
        "paid",
        "rejected",
        "withdrawn",
    }
    assert Claim.objects.filter(state="rejected", reject_reason__contains="等待期").exists()
    assert Claim.objects.filter(cap_note__contains="每次给付上限").exists()
    assert Enrolment.objects.filter(org__name="广东九江酒厂有限公司工会", state="covered").exists()


def test_the_demo_member_sees_their_cover_and_their_paid_claim_on_the_portal(demo_federation, login):
    page = portal_home(login(User.objects.get(username="member")))
    mine = panel(page, "我的互助保障")
    assert "广东省在职职工医疗互助保障计划" in mine and "保障期" in mine
    assert "申领：住院医疗互助金" in mine and "已给付 · 2400.00 元" in mine
