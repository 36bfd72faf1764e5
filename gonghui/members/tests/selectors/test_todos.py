"""The workbench's to-do counters: applications to join that the person decides, transfers that
wait for the answer of a union the person answers for; each link lists exactly those."""

from __future__ import annotations

from gonghui.kernel.registry import registry
from gonghui.members.actions import member_apply, transfer_approve, transfer_request
from gonghui.members.selectors import joins_to_decide_count, transfers_to_answer_count

from ..conftest import make_member, new_id


def todo(key: str):  # type: ignore[no-untyped-def]
    return next(t for t in registry.todos() if t.key == key)


def test_joins_to_decide_are_counted_where_the_person_decides_them(
    tree, officers, login, django_assert_num_queries
):
    ours = [
        member_apply(actor=None, org=tree.grassroots, name=n, id_number=new_id()) for n in ("王甲", "王乙")
    ]
    member_apply(actor=None, org=tree.sibling_grassroots, name="李丙", id_number=new_id())
    make_member(tree.grassroots, name="已批准")
    counts = {name: joins_to_decide_count(user) for name, user in officers}
    assert counts == {
        "province": 3, "city": 3, "district": 0, "street": 2, "grassroots": 2, "member": 0, "sibling": 1,
        "approver": 2, "viewer": 0,
    }  # fmt: skip
    with django_assert_num_queries(1):  # one indexed count, the scope already known
        joins_to_decide_count(dict(officers)["province"])
    entry = todo("members.joins_to_decide")
    assert entry.count is joins_to_decide_count
    page = login(dict(officers)["approver"]).get(entry.url).content.decode()
    assert all(m.name in page for m in ours) and "李丙" not in page and "已批准" not in page
    assert "待审批入会申请" in page


def test_transfers_wait_for_the_side_that_has_not_answered(tree, officers, login, django_assert_num_queries):
    people = dict(officers)
    t = transfer_request(
        actor=None, member=make_member(tree.grassroots, name="转会人"), to_org=tree.sibling_grassroots
    )
    counts = {name: transfers_to_answer_count(user) for name, user in officers}
    assert counts == {
        "province": 1, "city": 1, "district": 0, "street": 1, "grassroots": 1, "member": 0, "sibling": 1,
        "approver": 1, "viewer": 0,
    }  # fmt: skip
    with django_assert_num_queries(1):
        transfers_to_answer_count(people["city"])
    transfer_approve(actor=people["street"], transfer=t, side="out")
    assert transfers_to_answer_count(people["street"]) == 0
    assert transfers_to_answer_count(people["sibling"]) == 1
    entry = todo("members.transfers_to_answer")
    assert "转会人" in login(people["sibling"]).get(entry.url).content.decode()
    assert "转会人" not in login(people["street"]).get(entry.url).content.decode()
    assert "转会人" in login(people["street"]).get("/members/transfers/").content.decode()  # still open
    transfer_approve(actor=people["sibling"], transfer=t, side="in")
    assert transfers_to_answer_count(people["province"]) == 0
