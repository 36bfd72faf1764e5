from gonghui.conftest import make_org
from gonghui.members.actions import transfer_request
from gonghui.members.models import Member, MemberEvent, Transfer
from gonghui.orgs.actions import org_merge

from ..conftest import make_member


def test_members_follow_a_merge_of_their_union(tree, personas):
    other = make_org(tree.street, "赤岗某厂工会", "grassroots", kind="enterprise")
    movers = [make_member(other, name="会员" + "甲乙丙"[i]) for i in range(3)]
    stayer = make_member(tree.grassroots)
    t = transfer_request(actor=None, member=movers[0], to_org=tree.grassroots)
    org_merge(actor=personas.street, source=other, target=tree.grassroots, note="两厂合并")
    assert set(Member.objects.filter(org=tree.grassroots).values_list("pk", flat=True)) == {
        m.pk for m in [*movers, stayer]
    }
    assert MemberEvent.objects.filter(kind="merged", org=tree.grassroots).count() == 3
    # A transfer that now goes from the union to itself is closed.
    assert Transfer.objects.get(pk=t.pk).state == "cancelled"
