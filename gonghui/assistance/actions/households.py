"""Household files: file, correct, review, re-verify, exit, merge, attach, reveal. Every write
recomputes the tier and checks "one household, one file" across the province."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.cleaning import text, today
from gonghui.kernel.errors import Refused
from gonghui.members.keys import id_bidx
from gonghui.orgs.models import SEGMENT, Org

from .. import choices as c
from ..models import Application, Attachment, FamilyMember, Household, Payment
from ..selectors import member_for_id_bidx
from ..tiers import annual_income, assess, line_for
from .fields import FAMILY_FIELDS, clean_family, clean_household

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Recognised by their first bytes, not by the name or the browser's word.
ATTACHMENT_MAGIC = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def _province_path(org: Org) -> str:
    return org.path[:SEGMENT]


def duplicates_of(*, bidxs: Sequence[str], org: Org, exclude: Household | None = None) -> list[Household]:
    """Files (not merged away) anywhere in the province of `org` in which one of these people
    already is, as the worker or as a family member. Unscoped: "one household, one file" holds
    across the province; a file is named only to someone who may see it."""
    keys = list(bidxs)
    qs = Household.objects.filter(org__path__startswith=_province_path(org)).exclude(
        status=Household.Status.MERGED
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(qs.filter(Q(id_bidx__in=keys) | Q(family__id_bidx__in=keys)).distinct().order_by("id"))


class OnFile(Refused):
    """Someone on the form is already on another file: refused, and the attempt is audited
    (`_on_file_recorded`). `found`: how many files; `outside`: how many the actor may not see."""

    def __init__(self, errors: dict[str, list[ValidationError]], *, found: int, outside: int) -> None:
        super().__init__(errors)
        self.found, self.outside = found, outside


def _on_file_message(names: str, other: Household) -> ValidationError:
    """A file the actor may see is named, and carries its id (the form page links to it)."""
    text = (
        f"{names} 已在「{other.org.name}」的困难职工档案（职工编号 {other.file_no}）中。一户只能建一份档案；"
        "如属同一家庭，请在原档案中补充，或办理档案合并。"
    )
    # With params Django formats the message with %: a % typed in a name must stay a %.
    return ValidationError(
        text.replace("%", "%%"), code="on_file", params={"household": other.pk, "file_no": other.file_no}
    )


def _check_people(
    clean: dict[str, Any], family: list[dict[str, Any]], *, actor: Any, org: Org, household: Household | None
) -> None:
    people = [(clean["name"], clean["id_number"])] + [(f["name"], f["id_number"]) for f in family]
    numbers = [n for _name, n in people]
    if len(set(numbers)) != len(numbers):
        raise ValidationError(
            {"family": gettext("同一身份证号在本档案中出现了两次（职工本人与家庭成员不能重复）。")}
        )
    by_key = {id_bidx(n): name for name, n in people}
    found = duplicates_of(bidxs=list(by_key), org=org, exclude=household)
    if not found:
        return
    worker = id_bidx(clean["id_number"])
    messages: list[ValidationError] = []
    # Files out of the actor's sight are not told apart: one message names who is on one.
    hidden: list[str] = []
    worker_found, outside = False, 0
    for other in found:
        keys = {other.id_bidx, *other.family.values_list("id_bidx", flat=True)}
        worker_found = worker_found or worker in keys
        names = [name for k, name in by_key.items() if k in keys]
        if scope.can(actor, "view", other.org):
            messages.append(_on_file_message("、".join(names), other))
        else:
            outside += 1
            hidden += [n for n in names if n not in hidden]
    if hidden:
        messages.append(ValidationError(
            gettext("%(value)s 已有困难职工档案，由其他工会持有（不在您的管辖范围内）。一户只能建一份档案；如属同一家庭或需核实，请联系上级工会。") % {"value": '、'.join(hidden)},
            code="on_file_elsewhere",
        ))  # fmt: skip
    raise OnFile({"id_number" if worker_found else "family": messages}, found=len(found), outside=outside)


def _on_file_recorded(*, actor: Any, org: Org, household: Household | None, refused: OnFile) -> None:
    """The refused attempt, audited in its own transaction (the action's was rolled back): who
    tried, where, on how many files, how many of them out of their sight; no number is kept."""
    with transaction.atomic():
        audit(actor=actor, action="assistance.household.on_file", obj=household, org=org,
              detail={"households": refused.found, "outside_scope": refused.outside})  # fmt: skip


def _assess_into(household: Household, family: list[dict[str, Any]], *, year: int) -> None:
    line = line_for(division=household.hukou_division, year=year)
    income = annual_income(
        monthly_incomes=[household.monthly_income, *(f["monthly_income"] for f in family)],
        other_income=household.other_income,
    )
    result = assess(
        income=income, rigid=household.rigid_expenses, size=1 + len(family), line=line.monthly,
        hardship_costs=household.hardship_costs, major_event=household.major_event,
    )  # fmt: skip
    household.tier = result.tier
    household.per_capita = result.per_capita
    household.line = line.monthly
    household.line_division = line.division
    household.line_year = line.year


def _family_rows(household: Household) -> list[dict[str, Any]]:
    return [{f: getattr(m, f) for f in FAMILY_FIELDS} for m in household.family.all()]


def _save_family(household: Household, family: list[dict[str, Any]]) -> None:
    household.family.all().delete()
    FamilyMember.objects.bulk_create(
        FamilyMember(household=household, id_bidx=id_bidx(f["id_number"]), **f) for f in family
    )


def household_create(
    *, actor: Any, org: Org, values: dict[str, Any], family: Sequence[dict[str, Any]] = ()
) -> Household:
    """File a household (建档). Refused, with nothing written, when an ID is invalid, when anyone
    on it is already on another file in the province (the attempt is audited), or when the
    household meets no tier."""
    try:
        return _household_create(actor=actor, org=org, values=values, family=family)
    except OnFile as refused:
        _on_file_recorded(actor=actor, org=org, household=None, refused=refused)
        raise


@action
def _household_create(
    *, actor: Any, org: Org, values: dict[str, Any], family: Sequence[dict[str, Any]]
) -> Household:
    scope.require(actor, "edit", org)
    clean = clean_household(values)
    members = clean_family(family)
    _check_people(clean, members, actor=actor, org=org, household=None)
    household = Household(org=org, file_no=uuid.uuid4().hex[:24], verified_on=today(), **clean)
    household.id_bidx = id_bidx(household.id_number)
    _assess_into(household, members, year=today().year)
    if not household.tier:
        raise ValidationError(
            gettext(
                "按填报的收入计算，家庭月人均可支配收入为 %(per_capita)s 元，高于当地低保标准（%(line)s 元）的2倍，且不属于意外致困，不符合困难职工建档条件。"
            )
            % {"per_capita": household.per_capita, "line": household.line}
        )
    household.filed_by = actor if getattr(actor, "pk", None) else None
    linked = member_for_id_bidx(household.id_bidx)
    household.member = linked
    household.save()
    household.file_no = f"{(org.division or '440000')[:6]}{today():%Y}{household.pk:06d}"
    household.save(update_fields=["file_no"])
    _save_family(household, members)
    audit(
        actor=actor, action="assistance.household.create", obj=household, org=org,
        detail={"tier": household.get_tier_display(), "size": 1 + len(members), "member_linked": linked is not None},
    )  # fmt: skip
    return household


MASKED = {"id_number": "身份证号", "phone": "手机号码", "bank_account": "银行卡号"}


def _masked(value: Any) -> str | None:
    """The text, when it is a number as the edit page masks it (with *); else None."""
    return value.strip() if isinstance(value, str) and "*" in value else None


def _masked_refusal(field: str, label: str) -> Refused:
    return Refused(
        {field: gettext("%(label)s已遮盖显示：不修改请保留原样，修改请输入完整的号码。") % {"label": label}}
    )


def _unmasked(values: dict[str, Any], household: Household) -> dict[str, Any]:
    """The edit page shows personal numbers masked: one sent back exactly as shown keeps the
    stored one; other masked text is refused (it is no number, and it must not be stored)."""
    out = dict(values)
    for f, label in MASKED.items():
        sent = _masked(out.get(f))
        if sent is None:
            continue
        if not getattr(household, f) or sent != getattr(household, f"{f}_masked"):
            raise _masked_refusal(f, label)
        out[f] = getattr(household, f)
    return out


def _family_unmasked(rows: Sequence[dict[str, Any]], household: Household) -> list[dict[str, Any]]:
    stored = {m.pk: m for m in household.family.all()}
    out = []
    for source in rows:
        row = {k: v for k, v in source.items() if k != "member_id"}
        sent = _masked(row.get("id_number"))
        if sent is not None:
            person = stored.get(source.get("member_id") or 0)
            if person is None or sent != person.id_number_masked:
                raise _masked_refusal("family", f"家庭成员{row.get('name') or ''}的身份证号")
            row["id_number"] = person.id_number
        out.append(row)
    return out


def household_update(
    *, actor: Any, household: Household, values: dict[str, Any], family: Sequence[dict[str, Any]]
) -> Household:
    """Correct a file. Refused like `household_create` (the attempt on someone filed elsewhere is
    audited); personal numbers sent back masked keep the stored ones."""
    try:
        return _household_update(actor=actor, household=household, values=values, family=family)
    except OnFile as refused:
        _on_file_recorded(actor=actor, org=household.org, household=household, refused=refused)
        raise


@action
def _household_update(
    *, actor: Any, household: Household, values: dict[str, Any], family: Sequence[dict[str, Any]]
) -> Household:
    household = Household.objects.select_for_update().get(pk=household.pk)
    scope.require(actor, "edit", household.org)
    if household.status != Household.Status.ACTIVE:
        raise ValidationError(gettext("该档案已脱困或已合并，不能修改。"))
    clean = clean_household(_unmasked(values, household))
    members = clean_family(_family_unmasked(family, household))
    _check_people(clean, members, actor=actor, org=household.org, household=household)
    before = {"tier": household.get_tier_display(), "per_capita": str(household.per_capita)}
    for k, v in clean.items():
        setattr(household, k, v)
    household.id_bidx = id_bidx(household.id_number)
    _assess_into(household, members, year=today().year)
    household.member = member_for_id_bidx(household.id_bidx)
    household.updated_at = timezone.now()
    household.reviewed_by, household.reviewed_at = None, None  # changed figures need a new review
    household.save()
    _save_family(household, members)
    audit(
        actor=actor, action="assistance.household.update", obj=household, org=household.org,
        detail={"before": before, "after": {"tier": household.get_tier_display() or "不符合条件",
                                            "per_capita": str(household.per_capita)}},
    )  # fmt: skip
    return household


@action
def household_review(*, actor: Any, household: Household) -> Household:
    """审核人 signs the file off; not the person who filed it."""
    household = Household.objects.select_for_update().get(pk=household.pk)
    scope.require(actor, "approve", household.org)
    if actor is not None and household.filed_by_id == actor.pk:
        raise ValidationError(gettext("建档人不能审核自己建立的档案，请由其他有审批权限的人员审核。"))
    if household.reviewed_at is not None:
        raise ValidationError(gettext("该档案已审核。"))
    if household.status != Household.Status.ACTIVE:
        raise ValidationError(
            gettext("该档案%(value)s，不能审核。") % {"value": household.get_status_display()}
        )
    household.reviewed_by = actor
    household.reviewed_at = timezone.now()
    household.save(update_fields=["reviewed_by", "reviewed_at"])
    audit(actor=actor, action="assistance.household.review", obj=household, org=household.org)
    return household


@action
def household_verify(*, actor: Any, household: Household) -> Household:
    """Yearly re-verification (年度复核): the tier is computed again against this year's line."""
    household = Household.objects.select_for_update().get(pk=household.pk)
    scope.require(actor, "edit", household.org)
    if household.status != Household.Status.ACTIVE:
        raise ValidationError(gettext("只有在档的档案需要年度复核。"))
    before = household.get_tier_display()
    _assess_into(household, _family_rows(household), year=today().year)
    household.verified_on = today()
    household.updated_at = timezone.now()
    household.save()
    audit(
        actor=actor, action="assistance.household.verify", obj=household, org=household.org,
        detail={"before": {"tier": before}, "after": {"tier": household.get_tier_display() or "不符合条件"}},
    )  # fmt: skip
    return household


@action
def household_exit(*, actor: Any, household: Household, reason: str) -> Household:
    """脱困: the file is kept, closed, with the reason."""
    household = Household.objects.select_for_update().get(pk=household.pk)
    scope.require(actor, "edit", household.org)
    reason = text(reason, field="reason", label="脱困原因", max_length=200)
    if household.status != Household.Status.ACTIVE:
        raise ValidationError(gettext("该档案不在档，不能办理脱困。"))
    if household.applications.filter(state__in=Application.OPEN).exists():
        raise ValidationError(gettext("该户还有审批中的帮扶申请，请先办结后再办理脱困。"))
    household.status = Household.Status.EXITED
    household.exited_on = today()
    household.exit_reason = reason
    household.updated_at = timezone.now()
    household.save(update_fields=["status", "exited_on", "exit_reason", "updated_at"])
    audit(
        actor=actor,
        action="assistance.household.exit",
        obj=household,
        org=household.org,
        detail={"reason": reason},
    )
    return household


@action
def household_merge(*, actor: Any, keep: Household, other: Household) -> Household:
    """Two files of one household become one: the other file's family members, attachments,
    applications and payments move to `keep`; the other file stays, marked merged."""
    keep, other = (Household.objects.select_for_update().get(pk=h.pk) for h in (keep, other))
    scope.require(actor, "edit", keep.org)
    scope.require(actor, "edit", other.org)
    if keep.pk == other.pk:
        raise ValidationError(gettext("不能把档案与自身合并。"))
    if Household.Status.MERGED in (keep.status, other.status):
        raise ValidationError(gettext("已合并的档案不能再合并。"))
    if keep.status != Household.Status.ACTIVE:
        raise ValidationError(gettext("只能并入在档的档案（本档案已脱困）。"))
    mine = {keep.id_bidx, *keep.family.values_list("id_bidx", flat=True)}
    theirs = {other.id_bidx, *other.family.values_list("id_bidx", flat=True)}
    if not mine & theirs:
        raise ValidationError(gettext("两份档案没有共同的家庭成员（身份证号），不是同一户，不能合并。"))
    moved = 0
    for person in other.family.all():
        if person.id_bidx not in mine:
            person.household = keep
            person.save(update_fields=["household"])
            mine.add(person.id_bidx)
            moved += 1
    if other.id_bidx not in mine:
        FamilyMember.objects.create(
            household=keep, name=other.name, relation=c.Relation.OTHER, sex=other.sex, id_number=other.id_number,
            id_bidx=other.id_bidx, birth_date=other.birth_date, political_status=other.political_status,
            health=other.health, monthly_income=other.monthly_income, identity=c.Identity.ON_POST,
            insurance=other.insurance, school_or_employer=other.employer,
        )  # fmt: skip
        moved += 1
    Attachment.objects.filter(household=other).update(household=keep)
    Application.objects.filter(household=other).update(household=keep)
    Payment.objects.filter(household=other).update(household=keep)
    other.status = Household.Status.MERGED
    other.merged_into = keep
    other.updated_at = timezone.now()
    other.save(update_fields=["status", "merged_into", "updated_at"])
    _assess_into(keep, _family_rows(keep), year=today().year)
    keep.updated_at = timezone.now()
    keep.save()
    detail = {"merged": other.file_no, "family_moved": moved, "tier": keep.get_tier_display()}
    audit(actor=actor, action="assistance.household.merge", obj=keep, org=keep.org, detail=detail)
    audit(actor=actor, action="assistance.household.merged_into", obj=other, org=other.org,
          detail={"into": keep.file_no})  # fmt: skip
    return keep


@action
def attachment_add(
    *, actor: Any, household: Household, kind: str, name: str, upload: UploadedFile
) -> Attachment:
    scope.require(actor, "edit", household.org)
    if household.status != Household.Status.ACTIVE:
        raise ValidationError(
            gettext("该档案%(value)s，不能再上传附件。") % {"value": household.get_status_display()}
        )
    if kind not in c.AttachmentKind.values:
        raise ValidationError({"kind": gettext("请选择附件类型。")})
    if upload.size is not None and upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": gettext("附件不能超过 10 MB。")})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    content_type = next((t for magic, t in ATTACHMENT_MAGIC.items() if head.startswith(magic)), None)
    if content_type is None:
        raise ValidationError(
            {"file": gettext("「%(name)s」不是 PDF、JPG 或 PNG 文件。") % {"name": upload.name}}
        )
    name = " ".join((name or upload.name or kind).split())[:100]
    item = Attachment(household=household, kind=kind, name=name, content_type=content_type)
    item.uploaded_by = actor if getattr(actor, "pk", None) else None
    item.file.save(upload.name or "attachment", upload, save=False)
    item.save()
    audit(
        actor=actor, action="assistance.attachment.add", obj=household, org=household.org,
        detail={"kind": kind, "name": name},
    )  # fmt: skip
    return item


@action
def household_reveal(*, actor: Any, household: Household) -> dict[str, Any]:
    """The unmasked ID numbers and phone, for someone who may reveal; audited. The bank account
    is shown in full only in the bank's payment file."""
    scope.require(actor, "reveal", household.org)
    audit(
        actor=actor, action="pii.reveal", obj=household, org=household.org,
        detail={"fields": ["id_number", "phone", "family.id_number"]},
    )  # fmt: skip
    return {
        "id_number": household.id_number, "phone": household.phone,
        "family": [(m.name, m.id_number) for m in household.family.all()],
    }  # fmt: skip
