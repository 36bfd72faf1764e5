from gonghui.mutualaid.demo import mutualaid_demo_load
from gonghui.mutualaid.models import Claim, Enrolment, Quota
from gonghui.mutualaid.selectors import progress_for_actor
from gonghui.orgs.models import Org


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
