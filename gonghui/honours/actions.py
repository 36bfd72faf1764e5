"""Writes of the honours module: each checks who may, validates, changes and audits in one
transaction. A step of a nomination or a round goes through `transition()` (workflow.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from gonghui.kernel import cleaning, filetypes, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition
from gonghui.orgs.models import Org

from . import rules
from .models import (
    Care,
    CareKind,
    Category,
    Honour,
    HonourKind,
    Level,
    Nomination,
    NominationFile,
    NominationState,
    Objection,
    Quota,
    Review,
    Round,
    Studio,
    StudioLevel,
    StudioYear,
)
from .workflow import NOMINATION, ROUND

SEXES = [("男", "男"), ("女", "女")]


def _locked(round: Round) -> Round:
    """The round's row, locked: places and conditions are counted one writer at a time."""
    return Round.objects.select_for_update().select_related("org", "kind").get(pk=round.pk)


def _nomination(nomination: Nomination) -> Nomination:
    return Nomination.objects.select_related("round__org", "round__kind", "org", "at", "member").get(
        pk=nomination.pk
    )


# ---- honour kinds ------------------------------------------------------------------------------


@action
def kind_create(
    *,
    actor: Any,
    org: Org,
    name: str,
    level: str,
    category: str,
    awarding_body: str,
    collective: bool = False,
) -> HonourKind:
    """A union adds a kind of honour of its own (首席员工, 十佳海嫂)."""
    scope.require(actor, "manage", org)
    name = cleaning.text(name, field="name", label="荣誉名称", max_length=50)
    if (
        HonourKind.objects.filter(name=name).filter(org__isnull=True).exists()
        or HonourKind.objects.filter(org=org, name=name).exists()
    ):
        raise Refused({"name": f"已有荣誉种类「{name}」。"})
    kind = HonourKind.objects.create(
        org=org,
        name=name,
        level=cleaning.choice(level, Level.choices, field="level", label="级别"),
        category=cleaning.choice(category, Category.choices, field="category", label="类别"),
        awarding_body=cleaning.text(awarding_body, field="awarding_body", label="授予机关", max_length=50),
        collective=bool(collective),
    )
    audit(actor=actor, action="honours.kind.create", obj=kind, org=org, detail={"name": kind.name})
    return kind


# ---- rounds and quotas -------------------------------------------------------------------------


@action
def round_open(
    *,
    actor: Any,
    org: Org,
    kind: HonourKind,
    title: str,
    year: Any,
    places: Any,
    nominate_until: Any,
    notice_days: Any = 7,
    frontline_min_pct: Any = None,
    leaders_max: Any = None,
    objection_contact: str = "",
) -> Round:
    scope.require(actor, "approve", org)
    owner = kind.org
    if owner is not None and not org.path.startswith(owner.path):
        raise Refused({"kind": f"「{kind.name}」由{owner.name}设立，不能在本工会评选。"})
    round = Round.objects.create(
        org=org,
        kind=kind,
        title=cleaning.text(title, field="title", label="评选名称", max_length=100),
        year=cleaning.year(year, field="year", label="年度"),
        places=cleaning.whole(places, field="places", label="名额", minimum=1, maximum=100_000),
        nominate_until=cleaning.date(nominate_until, field="nominate_until", label="推荐截止日期"),
        notice_days=cleaning.whole(notice_days, field="notice_days", label="公示天数", minimum=1, maximum=60),
        frontline_min_pct=None
        if frontline_min_pct in (None, "")
        else cleaning.whole(frontline_min_pct, field="frontline_min_pct", label="一线职工比例", maximum=100),
        leaders_max=None
        if leaders_max in (None, "")
        else cleaning.whole(leaders_max, field="leaders_max", label="企业负责人人数"),
        objection_contact=cleaning.text(
            objection_contact,
            field="objection_contact",
            label="异议受理联系方式",
            max_length=100,
            required=False,
        ),
    )
    audit(
        actor=actor,
        action="honours.round.open",
        obj=round,
        org=org,
        detail={"title": round.title, "places": round.places, "until": cleaning.iso(round.nominate_until)},
    )
    return round


def allotter_of(round: Round, org: Org) -> Org:
    """The union that allots places to `org`: the nearest union above it holding places (or the
    one that opened the round)."""
    paths = rules.ancestors_below(org, round.org)[1:]
    holders = {
        q.org.path: q.org
        for q in Quota.objects.filter(round=round, org__path__in=paths).select_related("org")
    }
    return next((holders[p] for p in paths if p in holders), round.org)


@action
def quota_set(*, actor: Any, round: Round, org: Org, places: Any) -> Quota:
    """Allot places to a union below: the union that opened the round to the unions below it,
    and a union with places on to the unions below it, never more than it holds."""
    round = _locked(round)
    if not (org.path.startswith(round.org.path) and org.path != round.org.path):
        raise Refused({"org": f"「{org.name}」不在「{round.org.name}」之下，不能分配名额。"})
    allotter = allotter_of(round, org)
    scope.require(actor, "edit", allotter)
    why = rules.round_open_refusal(round)
    if why:
        raise Refused(why)
    places = cleaning.whole(places, field="places", label="名额", maximum=100_000)
    existing = Quota.objects.filter(round=round, org=org).first()
    if existing is not None:
        taken = rules.passed(round, org).count()
        if places < taken:
            raise Refused({"places": f"「{org.name}」已推荐{taken}名，名额不能少于{taken}。"})
    own = rules.places_of(round, allotter) or 0
    siblings = [
        q
        for q in Quota.objects.filter(round=round, org__path__startswith=allotter.path)
        .exclude(org=org)
        .select_related("org")
        if q.org_id != allotter.pk and allotter_of(round, q.org).pk == allotter.pk
    ]
    given = sum(q.places for q in siblings)
    if given + places > own:
        raise Refused(
            {"places": f"「{allotter.name}」共有名额{own}名，已分配{given}名，最多还能分配{own - given}名。"}
        )
    quota, _ = Quota.objects.update_or_create(round=round, org=org, defaults={"places": places})
    audit(
        actor=actor,
        action="honours.quota.set",
        obj=quota,
        org=org,
        detail={"round": round.title, "places": places, "before": existing.places if existing else 0},
    )
    return quota


# ---- nominations ---------------------------------------------------------------------------------


def _person_fields(values: dict[str, Any], *, collective: bool) -> dict[str, Any]:
    return {
        "name": cleaning.text(
            values.get("name"), field="name", label="集体名称" if collective else "姓名", max_length=100
        ),
        "sex": ""
        if collective or not values.get("sex")
        else cleaning.choice(values.get("sex"), SEXES, field="sex", label="性别"),
        "unit": cleaning.text(values.get("unit"), field="unit", label="工作单位", max_length=100),
        "job": cleaning.text(
            values.get("job"), field="job", label="职务（岗位）", max_length=60, required=False
        ),
        "frontline": bool(values.get("frontline")),
        "leader": bool(values.get("leader")),
        "deeds": cleaning.body(values.get("deeds"), field="deeds", label="主要事迹", max_length=5000),
    }


def _from_register(member: Any, values: dict[str, Any]) -> dict[str, Any]:
    """Name, sex and unit from the member register where the form left them empty."""
    register = {"name": member.name, "sex": member.sex, "unit": member.employer_name}
    return {**values, **{k: v for k, v in register.items() if not values.get(k)}}


@action
def nomination_create(*, actor: Any, round: Round, org: Org, member: Any = None, **values: Any) -> Nomination:
    """A union below the one that opened the round nominates a person or a collective (a draft
    until it is submitted)."""
    scope.require(actor, "edit", org)
    if not (org.path.startswith(round.org.path) and org.path != round.org.path):
        raise Refused(f"「{org.name}」不在「{round.org.name}」之下，不能推荐。")
    why = rules.round_open_refusal(round)
    if why:
        raise Refused(why)
    if member is not None:
        if not member.org.path.startswith(org.path):
            raise Refused({"member": f"{member.name}不是「{org.name}」的会员。"})
        values = _from_register(member, values)
    fields = _person_fields(values, collective=round.kind.collective)
    nomination = Nomination.objects.create(round=round, org=org, member=member, **fields)
    audit(
        actor=actor,
        action="honours.nomination.create",
        obj=nomination,
        org=org,
        detail={"round": round.title, "name": nomination.name, "unit": nomination.unit},
    )
    return nomination


@action
def nomination_update(*, actor: Any, nomination: Nomination, **values: Any) -> Nomination:
    nomination = _nomination(nomination)
    scope.require(actor, "edit", nomination.org)
    if nomination.state != NominationState.DRAFT:
        raise Refused(f"推荐已{nomination.get_state_display()}，不能再修改。")
    fields = _person_fields(values, collective=nomination.round.kind.collective)
    for key, value in fields.items():
        setattr(nomination, key, value)
    nomination.save(update_fields=list(fields))
    audit(actor=actor, action="honours.nomination.update", obj=nomination, org=nomination.org,
          detail={"name": nomination.name})  # fmt: skip
    return nomination


FILE_MAX_BYTES = 20 * 1024 * 1024


@action
def nomination_attach(
    *, actor: Any, nomination: Nomination, title: str, upload: UploadedFile
) -> NominationFile:
    """事迹材料 and other attachments (推荐审批表, 证明材料), while the nomination is a draft."""
    nomination = _nomination(nomination)
    scope.require(actor, "edit", nomination.org)
    if nomination.state != NominationState.DRAFT:
        raise Refused(f"推荐已{nomination.get_state_display()}，不能再添加材料。")
    if not upload.size:
        raise Refused({"file": "文件是空的。"})
    if upload.size > FILE_MAX_BYTES:
        raise Refused({"file": "文件不能超过20MB。"})
    kind = filetypes.sniff_upload(upload, filetypes.DOCUMENTS)
    if kind is None:
        raise Refused(
            {
                "file": f"「{PurePath(upload.name or '').name}」不是可以上传的文件。"
                f"只能上传{filetypes.allowed_labels(filetypes.DOCUMENTS)}。"
            }
        )
    # Kept and served with the type its content shows, under a name with that type's extension.
    filename = filetypes.named(PurePath(upload.name or "").name, kind)[-200:]
    title = cleaning.text(title, field="title", label="材料名称", max_length=100, required=False)
    attachment = NominationFile(
        nomination=nomination, title=title or PurePath(filename).stem, filename=filename, size=upload.size,
        content_type=kind.content_type,
    )  # fmt: skip
    attachment.file.save(filename, upload, save=False)
    attachment.save()
    audit(actor=actor, action="honours.nomination.attach", obj=nomination, org=nomination.org,
          detail={"title": attachment.title, "file": filename, "size": upload.size})  # fmt: skip
    return attachment


@action
def nomination_submit(*, actor: Any, nomination: Nomination) -> Nomination:
    """报送: to the first union above holding places (or the one that opened the round)."""
    _locked(nomination.round)
    nomination = _nomination(nomination)
    NOMINATION.check(actor, nomination, "submit")
    nomination.at = rules.next_reviewer(nomination)
    nomination.reason = ""
    transition(NOMINATION, nomination, "submit", actor=actor, detail={"to_org": nomination.at.name},
               extra_fields=("at", "reason"))  # fmt: skip
    return nomination


def _review(nomination: Nomination, *, actor: Any, decision: str, comment: str) -> None:
    assert nomination.at is not None  # a nomination under review waits at a union
    Review.objects.create(
        nomination=nomination, org=nomination.at, decision=decision, comment=comment, actor=actor
    )


@action
def nomination_recommend(*, actor: Any, nomination: Nomination, comment: str = "") -> Nomination:
    """The union the nomination waits at passes it up, within its places."""
    _locked(nomination.round)
    nomination = _nomination(nomination)
    comment = cleaning.text(comment, field="comment", label="审核意见", max_length=200, required=False)
    here = nomination.at
    NOMINATION.check(actor, nomination, "recommend")
    _review(nomination, actor=actor, decision="推荐", comment=comment)
    after = rules.next_reviewer(nomination)
    transition(
        NOMINATION, nomination, "recommend", actor=actor, org=here,
        detail={"from_org": here.name if here else "", "to_org": after.name, "comment": comment},
    )  # fmt: skip
    nomination.at = after
    nomination.save(update_fields=["at"])
    return nomination


@action
def nomination_select(*, actor: Any, nomination: Nomination, comment: str = "") -> Nomination:
    """The union that opened the round makes the nomination one to be honoured (拟表彰)."""
    _locked(nomination.round)
    nomination = _nomination(nomination)
    comment = cleaning.text(comment, field="comment", label="审核意见", max_length=200, required=False)
    NOMINATION.check(actor, nomination, "select")
    _review(nomination, actor=actor, decision="确定拟表彰", comment=comment)
    transition(
        NOMINATION, nomination, "select", actor=actor, org=nomination.round.org, detail={"comment": comment}
    )
    return nomination


def _turn_down(step: str, decision: str, *, actor: Any, nomination: Nomination, reason: str) -> Nomination:
    nomination = _nomination(nomination)
    reason = cleaning.text(reason, field="reason", label="理由", max_length=200)
    here = nomination.at
    NOMINATION.check(actor, nomination, step)
    _review(nomination, actor=actor, decision=decision, comment=reason)
    nomination.reason = reason
    transition(NOMINATION, nomination, step, actor=actor, org=here, detail={"reason": reason},
               extra_fields=("reason",))  # fmt: skip
    nomination.at = None
    nomination.save(update_fields=["at"])
    return nomination


@action
def nomination_send_back(*, actor: Any, nomination: Nomination, reason: str) -> Nomination:
    """退回修改: back to the nominating union as a draft, with the reason."""
    return _turn_down("send_back", "退回修改", actor=actor, nomination=nomination, reason=reason)


@action
def nomination_reject(*, actor: Any, nomination: Nomination, reason: str) -> Nomination:
    return _turn_down("reject", "不予推荐", actor=actor, nomination=nomination, reason=reason)


@action
def nomination_withdraw(*, actor: Any, nomination: Nomination) -> Nomination:
    nomination = _nomination(nomination)
    transition(NOMINATION, nomination, "withdraw", actor=actor)
    return nomination


# ---- 公示, objections, conferring ------------------------------------------------------------


@action
def round_publish(*, actor: Any, round: Round) -> Round:
    """发布公示: the list of those to be honoured is public for the round's number of days."""
    round = _locked(round)
    ROUND.check(actor, round, "publish")
    today = cleaning.today()
    round.notice_from = today
    round.notice_until = today + dt.timedelta(days=round.notice_days - 1)
    listed = list(
        Nomination.objects.filter(round=round, state=NominationState.SELECTED).select_related("round__org")
    )
    transition(
        ROUND, round, "publish", actor=actor,
        detail={"count": len(listed), "until": cleaning.iso(round.notice_until)},
        extra_fields=("notice_from", "notice_until"),
    )  # fmt: skip
    for nomination in listed:
        nomination.round = round
        transition(NOMINATION, nomination, "publish", actor=actor, org=nomination.org)
    return round


@action
def objection_record(
    *, actor: Any, nomination: Nomination, content: str, received_on: Any = None, raised_by: str = ""
) -> Objection:
    """An objection received during 公示, recorded by the union that opened the round; the
    nomination cannot be honoured until it is answered."""
    nomination = _nomination(nomination)
    scope.require(actor, "approve", nomination.round.org)
    if nomination.state != NominationState.NOTICE:
        raise Refused(f"{nomination.name}不在公示中，不能登记异议。")
    objection = Objection.objects.create(
        nomination=nomination,
        received_on=cleaning.date(received_on or cleaning.today(), field="received_on", label="受理日期",
                                  not_after_today=True),
        raised_by=cleaning.text(raised_by, field="raised_by", label="反映人", max_length=50, required=False),
        content=cleaning.body(content, field="content", label="异议内容", max_length=2000),
    )  # fmt: skip
    audit(actor=actor, action="honours.objection.record", obj=objection, org=nomination.round.org,
          detail={"name": nomination.name})  # fmt: skip
    return objection


ANSWERS = [(Objection.Answer.UPHELD.value, "异议成立"), (Objection.Answer.DISMISSED.value, "异议不成立")]


@action
def objection_answer(*, actor: Any, objection: Objection, answer: str, finding: str) -> Objection:
    """The answer after checking: an objection upheld takes the nomination off the list."""
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    nomination = _nomination(objection.nomination)
    scope.require(actor, "approve", nomination.round.org)
    if objection.answer:
        raise Refused("该异议已答复。")
    objection.answer = cleaning.choice(answer, ANSWERS, field="answer", label="答复结论")
    objection.finding = cleaning.body(finding, field="finding", label="核查情况", max_length=2000)
    objection.answered_on = cleaning.today()
    objection.save(update_fields=["answer", "finding", "answered_on"])
    audit(actor=actor, action="honours.objection.answer", obj=objection, org=nomination.round.org,
          detail={"name": nomination.name, "outcome": objection.get_answer_display()})  # fmt: skip
    if objection.answer == Objection.Answer.UPHELD and nomination.state == NominationState.NOTICE:
        transition(NOMINATION, nomination, "revoke", actor=actor, org=nomination.org,
                   detail={"reason": objection.finding[:200]})  # fmt: skip
    return objection


@action
def round_confer(*, actor: Any, round: Round, doc_no: str, conferred_on: Any = None) -> Round:
    """确认表彰 after 公示: every nomination still on the list becomes an honour in the register."""
    round = _locked(round)
    ROUND.check(actor, round, "confer")
    round.doc_no = cleaning.text(doc_no, field="doc_no", label="表彰文号", max_length=60)
    round.conferred_on = cleaning.date(conferred_on or cleaning.today(), field="conferred_on", label="表彰日期",
                                       not_before=round.notice_until)  # fmt: skip
    listed = list(
        Nomination.objects.filter(round=round, state=NominationState.NOTICE).select_related("org", "member")
    )
    kind = round.kind
    for nomination in listed:
        nomination.round = round
        nomination.honour = Honour.objects.create(
            org=nomination.org, kind=kind, title=kind.name, level=kind.level, category=kind.category,
            collective=kind.collective, member=nomination.member, name=nomination.name, sex=nomination.sex,
            unit=nomination.unit, job=nomination.job, awarded_on=round.conferred_on, year=round.conferred_on.year,
            doc_no=round.doc_no, awarding_body=kind.awarding_body, round=round,
        )  # fmt: skip
        transition(NOMINATION, nomination, "confer", actor=actor, org=nomination.org,
                   detail={"doc_no": round.doc_no}, extra_fields=("honour",))  # fmt: skip
    # The round closes last: each nomination's step is checked while the round is still in 公示.
    transition(ROUND, round, "confer", actor=actor, detail={"count": len(listed), "doc_no": round.doc_no},
               extra_fields=("doc_no", "conferred_on"))  # fmt: skip
    return round


@action
def round_cancel(*, actor: Any, round: Round, reason: str) -> Round:
    round = _locked(round)
    reason = cleaning.text(reason, field="reason", label="理由", max_length=200)
    transition(ROUND, round, "cancel", actor=actor, detail={"reason": reason})
    return round


# ---- the honour register -------------------------------------------------------------------


@action
def honour_record(
    *,
    actor: Any,
    org: Org,
    kind: HonourKind,
    awarded_on: Any,
    member: Any = None,
    doc_no: str = "",
    note: str = "",
    **values: Any,
) -> Honour:
    """劳模档案: an honour conferred outside the system (an earlier round, a national award)."""
    scope.require(actor, "edit", org)
    owner = kind.org
    if owner is not None and not org.path.startswith(owner.path):
        raise Refused({"kind": f"「{kind.name}」由{owner.name}设立，不能在本工会登记。"})
    if member is not None:
        if not member.org.path.startswith(org.path):
            raise Refused({"member": f"{member.name}不是「{org.name}」的会员。"})
        values = _from_register(member, values)
    fields = _person_fields({**values, "deeds": "-"}, collective=kind.collective)
    awarded = cleaning.date(awarded_on, field="awarded_on", label="授予日期", not_after_today=True)
    honour = Honour.objects.create(
        org=org, kind=kind, title=kind.name, level=kind.level, category=kind.category, collective=kind.collective,
        member=member, name=fields["name"], sex=fields["sex"], unit=fields["unit"], job=fields["job"],
        awarded_on=awarded, year=awarded.year, awarding_body=kind.awarding_body,
        doc_no=cleaning.text(doc_no, field="doc_no", label="表彰文号", max_length=60, required=False),
        note=cleaning.text(note, field="note", label="备注", max_length=200, required=False),
    )  # fmt: skip
    audit(actor=actor, action="honours.honour.record", obj=honour, org=org,
          detail={"name": honour.name, "title": honour.title, "year": honour.year})  # fmt: skip
    return honour


@action
def register_export_record(*, actor: Any, within: Org | None, fmt: str, count: int) -> None:
    """The audit row of a download of the register (names of people: who took them, and when)."""
    audit(actor=actor, action="honours.register.export", org=within,
          detail={"within": within.name if within else "全部", "format": fmt, "rows": count})  # fmt: skip


@action
def nominations_export_record(*, actor: Any, round: Round, fmt: str, count: int) -> None:
    audit(actor=actor, action="honours.round.export", obj=round, org=round.org,
          detail={"round": round.title, "format": fmt, "rows": count})  # fmt: skip


# ---- care for model workers ------------------------------------------------------------------


@action
def care_record(
    *,
    actor: Any,
    org: Org,
    honour: Honour,
    kind: str,
    on: Any,
    amount: Any = "0",
    note: str = "",
    household: Any = None,
) -> Care:
    """A visit, an allowance, a health check or a 疗休养 given by `org` to a model worker of its
    subtree. Help for a model worker in hardship is given under their hardship file (filed once,
    in the hardship module), never a second file here."""
    scope.require(actor, "edit", org)
    if not honour.org.path.startswith(org.path):
        raise Refused({"org": f"{honour.name}的档案不在「{org.name}」之下。"})
    kind = cleaning.choice(kind, CareKind.choices, field="kind", label="类别")
    if kind == CareKind.HARDSHIP:
        if household is None:
            raise Refused({"household": "困难劳模帮扶须关联其困难职工档案（在困难帮扶中建档）。"})
        scope.require(actor, "view", household.org)
        if honour.member_id and household.member_id and household.member_id != honour.member_id:
            raise Refused({"household": f"该困难职工档案不是{honour.name}的。"})
        if not honour.member_id and household.name != honour.name:
            raise Refused({"household": f"该困难职工档案不是{honour.name}的。"})
    elif household is not None:
        household = None
    care = Care.objects.create(
        org=org,
        honour=honour,
        kind=kind,
        on=cleaning.date(on, field="on", label="日期", not_after_today=True),
        amount=cleaning.money(amount, field="amount", label="金额"),
        note=cleaning.text(note, field="note", label="说明", max_length=200, required=False),
        household=household,
    )
    audit(actor=actor, action="honours.care.record", obj=care, org=org,
          detail={"name": honour.name, "kind": care.get_kind_display(), "amount": str(care.amount)})  # fmt: skip
    return care


# ---- innovation studios --------------------------------------------------------------------------


@action
def studio_create(
    *,
    actor: Any,
    org: Org,
    name: str,
    lead_name: str,
    unit: str,
    field: str,
    level: str,
    named_on: Any,
    members: Any = 0,
    lead: Honour | None = None,
) -> Studio:
    scope.require(actor, "edit", org)
    if lead is not None:
        scope.require(actor, "view", lead.org)
    studio = Studio.objects.create(
        org=org,
        name=cleaning.text(name, field="name", label="工作室名称", max_length=100),
        lead=lead,
        lead_name=cleaning.text(lead_name or (lead.name if lead else ""), field="lead_name", label="领衔人",
                                max_length=50),
        unit=cleaning.text(unit, field="unit", label="所在单位", max_length=100),
        field=cleaning.text(field, field="field", label="创新领域", max_length=50),
        level=cleaning.choice(level, StudioLevel.choices, field="level", label="命名级别"),
        named_on=cleaning.date(named_on, field="named_on", label="命名日期", not_after_today=True),
        members=cleaning.whole(members or 0, field="members", label="成员人数", maximum=10_000),
    )  # fmt: skip
    audit(actor=actor, action="honours.studio.create", obj=studio, org=org,
          detail={"name": studio.name, "level": studio.get_level_display()})  # fmt: skip
    return studio


@action
def studio_year_set(
    *, actor: Any, studio: Studio, year: Any, patents: Any = 0, improvements: Any = 0, savings: Any = "0",
    trained: Any = 0,
) -> StudioYear:  # fmt: skip
    """A studio's results of a year (专利, 技术革新, 创造效益, 培训人数); entered again, replaced."""
    scope.require(actor, "edit", studio.org)
    values = {
        "patents": cleaning.whole(patents or 0, field="patents", label="专利", maximum=100_000),
        "improvements": cleaning.whole(
            improvements or 0, field="improvements", label="技术革新", maximum=100_000
        ),
        "savings": cleaning.money(
            savings, field="savings", label="创造效益", maximum=Decimal("100000000000")
        ),
        "trained": cleaning.whole(trained or 0, field="trained", label="培训人数", maximum=10_000_000),
    }
    y = cleaning.year(year, field="year", label="年度")
    row, _ = StudioYear.objects.update_or_create(studio=studio, year=y, defaults=values)
    audit(actor=actor, action="honours.studio.year", obj=studio, org=studio.org,
          detail={"year": y, "patents": row.patents, "savings": str(row.savings), "trained": row.trained})  # fmt: skip
    return row


# ---- the tree changes ----------------------------------------------------------------------------


def honours_follow_merge(*, source: Org, target: Org, actor: Any, on: dt.date, **_: Any) -> None:
    """The merged union's rounds, places, nominations, honours, care records and studios go to
    the union that absorbed it; places both held in one round are added together."""
    moved = 0
    for quota in Quota.objects.filter(org=source):
        other = Quota.objects.filter(round=quota.round, org=target).first()
        if other is not None:
            other.places += quota.places
            other.save(update_fields=["places"])
            quota.delete()
        elif quota.round.org_id == target.pk:
            quota.delete()  # the survivor opened the round: its places are the round's
        else:
            quota.org = target
            quota.save(update_fields=["org"])
        moved += 1
    moved += Round.objects.filter(org=source).update(org=target)
    moved += Nomination.objects.filter(org=source).update(org=target)
    Nomination.objects.filter(at=source).update(at=target)
    moved += Honour.objects.filter(org=source).update(org=target)
    moved += Care.objects.filter(org=source).update(org=target)
    moved += Studio.objects.filter(org=source).update(org=target)
    for kind in HonourKind.objects.filter(org=source):
        if not HonourKind.objects.filter(org=target, name=kind.name).exists():
            kind.org = target
            kind.save(update_fields=["org"])
    if moved:
        audit(actor=actor, action="honours.follow_merge", org=target,
              detail={"source": source.name, "target": target.name, "moved": moved})  # fmt: skip
