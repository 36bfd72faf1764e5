"""Partners (共建单位) and the groups activities are open to (活动对象群体): their lists, filled by hand, from the register or from a file."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.codes import CodeError, credit_code_check
from gonghui.kernel.errors import Refused
from gonghui.members.choices import COUNTED, Sex
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from .. import rules
from ..models import (
    Group,
    GroupMember,
    Partner,
)

# ---------------------------------------------------------------------------------- partners


@action
def partner_create(
    *,
    actor: Any,
    org: Org,
    name: str,
    kind: str,
    credit_code: str = "",
    contact: str = "",
    services: str = "",
) -> Partner:
    scope.require(actor, "edit", org)
    name = cleaning.text(name, field="name", label="名称", max_length=100)
    kind = cleaning.choice(kind, Partner.Kind.choices, field="kind", label="类别")
    code = (credit_code or "").strip().upper()
    if code:
        try:
            code = credit_code_check(code)
        except CodeError as exc:
            raise Refused({"credit_code": str(exc)}) from None
    if Partner.objects.filter(org=org, name=name).exists():
        raise Refused({"name": gettext("「%(name)s」已在本工会的合作伙伴名录中。") % {"name": name}})
    partner = Partner.objects.create(
        org=org, name=name, kind=kind, credit_code=code,
        contact=cleaning.text(contact, field="contact", label="联系人", max_length=50, required=False),
        services=cleaning.text(services, field="services", label="可提供的服务", max_length=200, required=False),
    )  # fmt: skip
    audit(actor=actor, action="activities.partner.create", obj=partner, org=org,
          detail={"name": name, "kind": partner.get_kind_display()})  # fmt: skip
    return partner


# ------------------------------------------------------------------------------------ groups

# Where a group's members may be found in the register at once: the member's own flag, or the
# union's files of hardship households and model workers.
FILL_SOURCES = {
    "women": gettext_lazy("本工会及下级工会的女会员"),
    "migrant": gettext_lazy("本工会及下级工会的农民工会员"),
    "hardship": gettext_lazy("困难职工档案中在档的会员"),
    "model_workers": gettext_lazy("劳模档案中的会员"),
}


@action
def group_create(*, actor: Any, org: Org, name: str, kind: str, description: str = "") -> Group:
    scope.require(actor, "edit", org)
    name = cleaning.text(name, field="name", label="名称", max_length=50)
    if Group.objects.filter(org=org, name=name).exists():
        raise Refused({"name": gettext("本工会已有名为「%(name)s」的群体。") % {"name": name}})
    group = Group.objects.create(
        org=org, name=name, kind=cleaning.choice(kind, Group.Kind.choices, field="kind", label="类别"),
        description=cleaning.text(description, field="description", label="说明", max_length=200, required=False),
    )  # fmt: skip
    audit(actor=actor, action="activities.group.create", obj=group, org=org,
          detail={"name": name, "kind": group.get_kind_display()})  # fmt: skip
    return group


def _member_fits(group: Group, member: Member) -> str:
    """Why the member cannot be on the group's list ("" when they can)."""
    if not member.org.path.startswith(group.org.path):
        return gettext("%(name)s不是%(org)s及下级工会的会员。") % {"name": member.name, "org": group.org.name}
    if member.status not in COUNTED:
        return gettext("%(name)s的会籍状态为「%(status)s」。") % {
            "name": member.name, "status": member.get_status_display()
        }  # fmt: skip
    return ""


@action
def group_add(*, actor: Any, group: Group, member: Member) -> GroupMember:
    """Put one member of the union's subtree on the group's list."""
    group = Group.objects.select_for_update().select_related("org").get(pk=group.pk)
    scope.require(actor, "edit", group.org)
    scope.require(actor, "view", member.org)
    why = _member_fits(group, member)
    if why:
        raise Refused({"member": why})
    if GroupMember.objects.filter(group=group, member=member).exists():
        raise Refused(
            {
                "member": gettext("%(name)s已在「%(group)s」名单中。")
                % {"name": member.name, "group": group.name}
            }
        )
    entry = GroupMember.objects.create(group=group, member=member, source=GroupMember.Source.REGISTER)
    audit(actor=actor, action="activities.group.add", obj=group, org=group.org,
          detail={"group": group.name, "name": member.name})  # fmt: skip
    return entry


@action
def group_remove(*, actor: Any, group: Group, member: Member) -> None:
    group = Group.objects.select_for_update().select_related("org").get(pk=group.pk)
    scope.require(actor, "edit", group.org)
    gone, _ = GroupMember.objects.filter(group=group, member=member).delete()
    if not gone:
        raise Refused(
            {
                "member": gettext("%(name)s不在「%(group)s」名单中。")
                % {"name": member.name, "group": group.name}
            }
        )
    audit(actor=actor, action="activities.group.remove", obj=group, org=group.org,
          detail={"group": group.name, "name": member.name})  # fmt: skip


def _fill_candidates(group: Group, source: str) -> tuple[Any, str]:
    counted = Member.objects.filter(org__path__startswith=group.org.path, status__in=COUNTED)
    if source == "women":
        return counted.filter(sex=Sex.FEMALE), GroupMember.Source.REGISTER
    if source == "migrant":
        return counted.filter(migrant_worker=True), GroupMember.Source.REGISTER
    if source == "hardship":
        from gonghui.assistance.models import Household

        held = Household.objects.filter(
            org__path__startswith=group.org.path, status=Household.Status.ACTIVE, member__isnull=False
        ).values("member_id")
        return counted.filter(pk__in=held), GroupMember.Source.HARDSHIP
    if source == "model_workers":
        from gonghui.honours.models import Honour

        honoured = Honour.objects.filter(org__path__startswith=group.org.path, member__isnull=False)
        return counted.filter(pk__in=honoured.values("member_id")), GroupMember.Source.HONOURS
    raise Refused({"source": gettext("请选择从哪里添加名单。")})


@action
def group_fill(*, actor: Any, group: Group, source: str) -> int:
    """Add at once every member of the union's subtree the register marks so (女会员, 农民工) or
    the union's files hold (在档困难职工, 劳模); those already on the list stay once. Returns how
    many were added."""
    group = Group.objects.select_for_update().select_related("org").get(pk=group.pk)
    scope.require(actor, "edit", group.org)
    found, how = _fill_candidates(group, source)
    have = GroupMember.objects.filter(group=group).values("member_id")
    ids = list(found.exclude(pk__in=have).values_list("pk", flat=True)[:50_001])
    if len(ids) > 50_000:
        raise Refused({"source": gettext("符合条件的会员超过五万人，请在下级工会分别建立名单。")})
    GroupMember.objects.bulk_create(GroupMember(group=group, member_id=pk, source=how) for pk in ids)
    audit(actor=actor, action="activities.group.fill", obj=group, org=group.org,
          detail={"group": group.name, "via": str(FILL_SOURCES[source]), "added": len(ids)})  # fmt: skip
    return len(ids)


@action
def group_members_import(*, actor: Any, group: Group, members: Sequence[Member], source: str = "") -> int:
    """Put the members an uploaded list named on the group's list (all were checked by the
    importer; those already on it stay once)."""
    group = Group.objects.select_for_update().select_related("org").get(pk=group.pk)
    scope.require(actor, "edit", group.org)
    for m in members:
        why = _member_fits(group, m)
        if why:
            raise Refused({"file": why})
    have = set(GroupMember.objects.filter(group=group).values_list("member_id", flat=True))
    new = {m.pk for m in members} - have
    GroupMember.objects.bulk_create(
        GroupMember(group=group, member_id=pk, source=GroupMember.Source.IMPORT) for pk in sorted(new)
    )
    audit(actor=actor, action="activities.group.import", obj=group, org=group.org,
          detail={"group": group.name, "file": source, "rows": len(members), "added": len(new)})  # fmt: skip
    return len(new)


def groups_usable(org: Org) -> Any:
    """The groups an activity of a union may be open to: its own and those of unions above it."""
    return Group.objects.filter(org__path__in=rules.ancestor_paths(org.path)).select_related("org")
