"""Groups an activity may be open to: a union's reusable list of members, filled from the
register, the hardship and model-worker files, or an uploaded list; sign-up checks the list."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.activities import actions, importing, selectors
from gonghui.activities.models import Activity, Group, GroupMember
from gonghui.core.models import AuditEntry
from gonghui.kernel.exporting import Sheet, xlsx_bytes
from gonghui.kernel.registry import registry
from gonghui.members.models import Member
from gonghui.orgs.actions import org_merge

from ..factories import make_activity, make_group, make_worker, worker_user

pytestmark = pytest.mark.django_db


def _list(rows: list[list[str]]) -> bytes:
    return xlsx_bytes(Sheet("名单", header=["姓名", "身份证号"], rows=rows), marked=False)


def test_only_those_on_the_groups_list_may_sign_up(tree):
    group = make_group(tree.street)
    listed, other = make_worker(tree.grassroots, "林一线"), make_worker(tree.grassroots, "陈办公")
    actions.group_add(actor=None, group=group, member=listed)
    activity = make_activity(tree.street, audience=Activity.Audience.GROUP, group=group)
    assert actions.signup_create(actor=worker_user(listed), activity=activity).state == "confirmed"
    with pytest.raises(ValidationError, match="仅限「高温一线职工」名单中的职工报名"):
        actions.signup_create(actor=worker_user(other), activity=activity)
    with pytest.raises(ValidationError, match="仅限「高温一线职工」名单中的职工报名"):
        actions.signup_add(actor=None, activity=activity, member=other)


def test_the_portals_offers_list_only_activities_the_worker_is_listed_for(tree):
    group = make_group(tree.street)
    listed, other = make_worker(tree.grassroots, "林一线"), make_worker(tree.grassroots, "陈办公")
    actions.group_add(actor=None, group=group, member=listed)
    activity = make_activity(
        tree.street, title="一线职工清凉慰问", audience=Activity.Audience.GROUP, group=group
    )
    key = f"activity:{activity.pk}"
    assert key in {o.key for o in registry.offers(worker_user(listed))}
    assert key not in {o.key for o in registry.offers(worker_user(other))}


def test_an_activity_is_open_only_to_a_group_of_its_union_or_above(tree):
    above = make_group(tree.haizhu, "区劳模")
    beside = make_group(tree.sibling_street, "新港一线职工")
    assert make_activity(tree.street, audience="group", group=above).group == above
    with pytest.raises(ValidationError, match="不是本工会或上级工会建立的群体"):
        make_activity(tree.street, audience="group", group=beside)
    with pytest.raises(ValidationError, match="请选择群体"):
        make_activity(tree.street, audience="group")


def test_a_group_takes_only_counted_members_of_its_unions_subtree(tree, personas):
    group = make_group(tree.street)
    outsider = make_worker(tree.sibling_grassroots, "王新港")
    with pytest.raises(ValidationError, match="不是赤岗街道总工会及下级工会的会员"):
        actions.group_add(actor=None, group=group, member=outsider)
    with pytest.raises(PermissionDenied):
        actions.group_add(actor=personas.sibling, group=group, member=outsider)
    m = make_worker(tree.grassroots, "林一线")
    actions.group_add(actor=personas.street, group=group, member=m)
    with pytest.raises(ValidationError, match="已在「高温一线职工」名单中"):
        actions.group_add(actor=personas.street, group=group, member=m)
    actions.group_remove(actor=personas.street, group=group, member=m)
    assert not GroupMember.objects.filter(group=group).exists()
    assert AuditEntry.objects.filter(action="activities.group.remove", object_id=str(group.pk)).exists()


def test_fill_from_the_register_adds_the_women_once(tree):
    group = make_group(tree.street, "女职工", Group.Kind.WOMEN)
    people = [make_worker(tree.grassroots, n) for n in ("林一", "陈二", "黄三", "李四")]
    women = {m.pk for m in people if m.sex == "女"}
    assert women and len(women) < len(people)  # the ID numbers make both
    assert actions.group_fill(actor=None, group=group, source="women") == len(women)
    assert actions.group_fill(actor=None, group=group, source="women") == 0
    assert set(GroupMember.objects.filter(group=group).values_list("member_id", flat=True)) == women
    row = AuditEntry.objects.filter(action="activities.group.fill").latest("pk")
    assert row.detail["added"] == 0


def test_fill_from_the_model_worker_files(tree):
    from gonghui.honours.tests.factories import honour_in

    group = make_group(tree.haizhu, "劳模", Group.Kind.MODEL_WORKERS)
    model, plain = make_worker(tree.grassroots, "林劳模"), make_worker(tree.grassroots, "陈普通")
    honour = honour_in(tree.street)
    honour.member = model
    honour.save(update_fields=["member"])
    assert actions.group_fill(actor=None, group=group, source="model_workers") == 1
    assert list(GroupMember.objects.filter(group=group).values_list("member_id", "source")) == [
        (model.pk, "honours")
    ]
    assert plain.pk not in {e.member_id for e in selectors.group_entries(group)[0]}


def test_an_uploaded_list_goes_in_whole_or_not_at_all(tree):
    group = make_group(tree.street)
    a, b = make_worker(tree.grassroots, "林一线"), make_worker(tree.grassroots, "陈一线")
    bad = _list([[a.name, a.id_number], ["陈错名", b.id_number], ["黄无号", "123"]])
    with pytest.raises(ValidationError) as refused:
        importing.group_import(actor=None, group=group, data=bad, filename="名单.xlsx")
    text = "；".join(refused.value.messages)
    assert "第3行：姓名「陈错名」与会员库中该身份证号的姓名不一致" in text and "第4行：身份证号" in text
    assert not GroupMember.objects.filter(group=group).exists()
    good = _list([[a.name, a.id_number], [b.name, b.id_number.lower()]])
    assert importing.group_import(actor=None, group=group, data=good, filename="名单.xlsx") == 2
    assert GroupMember.objects.filter(group=group, source="import").count() == 2


def test_an_uploaded_list_that_is_not_a_sheet_is_refused(tree):
    group = make_group(tree.street)
    with pytest.raises(ValidationError):
        importing.group_import(actor=None, group=group, data=b"PK\x03\x04not a zip", filename="名单.xlsx")
    with pytest.raises(ValidationError, match="空的"):
        importing.group_import(actor=None, group=group, data=io.BytesIO().getvalue(), filename="名单.xlsx")


def test_a_merged_unions_groups_join_the_survivors_namesakes(tree):
    kept = make_group(tree.street)
    gone = make_group(tree.sibling_street)
    both, only = make_worker(tree.grassroots, "林一线"), make_worker(tree.sibling_grassroots, "陈一线")
    actions.group_add(actor=None, group=kept, member=both)
    gone_activity = make_activity(tree.sibling_street, audience="group", group=gone)
    actions.group_add(actor=None, group=gone, member=only)
    org_merge(actor=None, source=tree.sibling_street, target=tree.street)
    assert not Group.objects.filter(pk=gone.pk).exists()
    assert set(GroupMember.objects.filter(group=kept).values_list("member_id", flat=True)) == {
        both.pk,
        only.pk,
    }
    gone_activity.refresh_from_db()
    assert gone_activity.group == kept
    assert Member.objects.filter(pk=only.pk).exists()
