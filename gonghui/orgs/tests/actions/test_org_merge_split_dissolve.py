import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.conftest import make_org
from gonghui.core.models import AuditEntry
from gonghui.kernel.codes import id_number_make
from gonghui.kernel.registry import Module, Structure, registry, unchanged
from gonghui.members.actions import member_apply
from gonghui.members.models import Member
from gonghui.orgs.actions import org_dissolve, org_merge, org_split, org_update
from gonghui.orgs.models import Org, OrgEvent


def test_clerk_cannot_merge(tree, personas):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        org_merge(actor=personas.district, source=tree.sibling_street, target=tree.street)


def _listening(merged):
    return Module(
        name="test_structure", title="测试",
        structure=Structure(merged=merged, split=unchanged, relocated=unchanged, dissolved=unchanged),
    )  # fmt: skip


def test_merge_by_city_admin(tree, personas):
    calls = []

    def receiver(source, target, actor, on, **kw):
        calls.append((source.pk, target.pk, actor.pk))

    with registry.extra(_listening(receiver)):
        org_merge(actor=personas.city, source=tree.sibling_street, target=tree.street, note="街道合并")
    source = Org.objects.get(pk=tree.sibling_street.pk)
    assert source.status == "merged" and source.merged_into_id == tree.street.pk
    assert Org.objects.get(pk=tree.sibling_grassroots.pk).parent_id == tree.street.pk
    assert calls == [(tree.sibling_street.pk, tree.street.pk, personas.city.pk)]
    assert OrgEvent.objects.filter(org=tree.street, kind="merged_in").exists()
    assert AuditEntry.objects.filter(action="org.merge", org=source).exists()


def test_a_failing_merge_hook_leaves_nothing_changed(tree, personas):
    def broken(**kw):
        raise RuntimeError("members module refused")

    audit_before = AuditEntry.objects.count()
    with registry.extra(_listening(broken)), pytest.raises(RuntimeError):
        org_merge(actor=personas.city, source=tree.sibling_street, target=tree.street)
    assert Org.objects.get(pk=tree.sibling_street.pk).status == "active"
    assert Org.objects.get(pk=tree.sibling_grassroots.pk).parent_id == tree.sibling_street.pk
    assert AuditEntry.objects.count() == audit_before


def test_merge_across_levels_is_refused(tree, personas):
    with pytest.raises(ValidationError):
        org_merge(actor=personas.city, source=tree.grassroots, target=tree.sibling_street)


def test_split_creates_sibling_and_moves_chosen_children(tree, personas):
    extra = make_org(tree.street, "赤岗某厂工会", "grassroots", kind="enterprise")
    new = org_split(actor=personas.city, org=tree.street, new_name="赤岗东街道总工会", children=[extra])
    assert new.parent_id == tree.haizhu.pk and new.level == "town"
    assert Org.objects.get(pk=extra.pk).parent_id == new.pk
    assert Org.objects.get(pk=tree.grassroots.pk).parent_id == tree.street.pk


def test_dissolve_needs_reason_and_no_active_children(tree, personas):
    with pytest.raises(ValidationError) as exc:
        org_dissolve(actor=personas.street, org=tree.grassroots, reason="  ")
    assert "撤销原因" in exc.value.message_dict["reason"][0]
    with pytest.raises(ValidationError):
        org_dissolve(actor=personas.city, org=tree.street, reason="区划调整")
    org_dissolve(actor=personas.street, org=tree.grassroots, reason="企业注销")
    assert Org.objects.get(pk=tree.grassroots.pk).status == "dissolved"
    with pytest.raises(ValidationError):
        org_update(actor=personas.street, org=tree.grassroots, name="复活")


def test_a_dissolved_union_says_so_once_and_takes_no_new_work(tree, personas):
    """The refusal names the union and what became of it, in plain Chinese (已撤销, not 已已撤销),
    in the orgs module and in a module that hangs records on unions; nothing is written."""
    org_dissolve(actor=personas.street, org=tree.grassroots, reason="企业注销")
    name = tree.grassroots.name
    with pytest.raises(ValidationError) as exc:
        org_update(actor=personas.street, org=tree.grassroots, name="复活")
    assert exc.value.messages == [f"「{name}」已撤销，不能修改。"]
    members = Member.objects.count()
    with pytest.raises(ValidationError) as exc:
        member_apply(actor=personas.street, org=Org.objects.get(pk=tree.grassroots.pk), name="王新",
                     id_number=id_number_make("440105", dt.date(1990, 5, 1), 7))  # fmt: skip
    assert exc.value.message_dict["org"] == [f"「{name}」已撤销，不能办理会员业务。"]
    assert Member.objects.count() == members
    assert Org.objects.get(pk=tree.grassroots.pk).name == name


def test_update_records_before_and_after(tree, personas):
    org_update(actor=personas.street, org=tree.street, short_name="赤岗街总", address="广州市海珠区赤岗路1号")
    entry = AuditEntry.objects.get(action="org.update", org=tree.street)
    assert entry.detail["before"]["short_name"] == "" and entry.detail["after"]["short_name"] == "赤岗街总"
