"""Kinds of honour, selection rounds and their places, 公示, objections and conferring."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.crypto import blind_index
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition
from gonghui.orgs.models import Org

from .. import rules
from ..models import (
    ORG_LEVELS,
    Category,
    Honour,
    HonourKind,
    Level,
    Nomination,
    NominationState,
    Objection,
    Quota,
    Round,
    RoundState,
)
from ..workdays import working_days_end
from ..workflow import NOMINATION, ROUND
from ._common import _locked, _nomination

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
    organiser_level: str = "",
    nominator_level: str = "",
) -> HonourKind:
    """A union adds a kind of honour of its own (首席员工, 十佳海嫂)."""
    scope.require(actor, "manage", org)
    name = cleaning.text(name, field="name", label="荣誉名称", max_length=50)
    if (
        HonourKind.objects.filter(name=name).filter(org__isnull=True).exists()
        or HonourKind.objects.filter(org=org, name=name).exists()
    ):
        raise Refused({"name": gettext("已有荣誉种类「%(name)s」。") % {"name": name}})
    kind = HonourKind.objects.create(
        org=org,
        name=name,
        level=cleaning.choice(level, Level.choices, field="level", label="级别"),
        category=cleaning.choice(category, Category.choices, field="category", label="类别"),
        awarding_body=cleaning.text(awarding_body, field="awarding_body", label="授予机关", max_length=50),
        collective=bool(collective),
        organiser_level=""
        if not organiser_level
        else cleaning.choice(
            organiser_level, ORG_LEVELS, field="organiser_level", label="组织评选的工会级别"
        ),
        nominator_level=""
        if not nominator_level
        else cleaning.choice(nominator_level, ORG_LEVELS, field="nominator_level", label="推荐单位最低级别"),
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
        raise Refused(
            {
                "kind": gettext("「%(name)s」由%(name2)s设立，不能在本工会评选。")
                % {"name": kind.name, "name2": owner.name}
            }
        )
    why = rules.organiser_refusal(kind, org)
    if why:
        raise Refused({"kind": why})
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
        raise Refused(
            {
                "org": gettext("「%(name)s」不在「%(name2)s」之下，不能分配名额。")
                % {"name": org.name, "name2": round.org.name}
            }
        )
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
            raise Refused(
                {
                    "places": gettext("「%(name)s」已推荐%(taken)s名，名额不能少于%(taken)s。")
                    % {"name": org.name, "taken": taken}
                }
            )
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
            {
                "places": gettext(
                    "「%(name)s」共有名额%(own)s名，已分配%(given)s名，最多还能分配%(value)s名。"
                )
                % {"name": allotter.name, "own": own, "given": given, "value": own - given}
            }
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


# ---- 公示, objections, conferring ------------------------------------------------------------


@action
def round_publish(*, actor: Any, round: Round) -> Round:
    """发布公示: the list of those to be honoured is public for the round's number of working
    days (weekends and public holidays do not count, 调休 working weekends do)."""
    round = _locked(round)
    ROUND.check(actor, round, "publish")
    today = cleaning.today()
    round.notice_from = today
    round.notice_until = working_days_end(today, round.notice_days)
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
        raise Refused(gettext("%(name)s不在公示中，不能登记异议。") % {"name": nomination.name})
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


# How many objections one address may send from the public 公示 page: an hour's and a day's.
PUBLIC_PER_HOUR = 3
PUBLIC_PER_DAY = 10


@action
def objection_submit_public(
    *, actor: Any, round: Round, nomination_id: Any, raised_by: str, contact: str, content: str, client: str
) -> Objection:
    """Anyone who reads the 公示 may object to a person on it, with the reason and how to reach
    them; the union that opened the round answers before it confers. `client` is the address the
    objection came from: a few an hour and a day from one address, then a clear refusal."""
    round = _locked(round)
    today = cleaning.today()
    if round.state != RoundState.NOTICE or round.notice_until is None or today > round.notice_until:
        raise Refused(gettext("该评选不在公示期内，不能通过本页提出异议。"))
    nomination = (
        Nomination.objects.filter(round=round, state=NominationState.NOTICE, pk=_pk(nomination_id))
        .select_related("org")
        .first()
    )
    if nomination is None:
        raise Refused({"nomination": gettext("请选择公示名单中的对象。")})
    fields = {
        "raised_by": cleaning.text(
            raised_by, field="raised_by", label="反映人", max_length=50, required=False
        ),
        "contact": cleaning.text(contact, field="contact", label="联系方式", max_length=100),
        "content": cleaning.body(content, field="content", label="异议内容及理由", max_length=2000),
    }
    if len(fields["contact"]) < 5:
        raise Refused({"contact": gettext("请留下能联系到您的电话或地址，以便核实和答复。")})
    digest = blind_index(client or "-", purpose="honours.objection.client")
    now = timezone.now()
    recent = Objection.objects.filter(client=digest, public=True)
    if recent.filter(created_at__gte=now - dt.timedelta(hours=1)).count() >= PUBLIC_PER_HOUR:
        raise Refused(gettext("提交过于频繁，请一小时后再试，或按公示所列电话反映。"))
    if recent.filter(created_at__gte=now - dt.timedelta(days=1)).count() >= PUBLIC_PER_DAY:
        raise Refused(gettext("今天提交的异议已达上限，请明天再试，或按公示所列电话反映。"))
    objection = Objection.objects.create(
        nomination=nomination, received_on=today, public=True, client=digest, **fields
    )
    audit(actor=actor, action="honours.objection.submit", obj=objection, org=round.org,
          detail={"name": nomination.name, "round": round.title})  # fmt: skip
    return objection


def _pk(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


ANSWERS = [(Objection.Answer.UPHELD.value, "异议成立"), (Objection.Answer.DISMISSED.value, "异议不成立")]


@action
def objection_answer(*, actor: Any, objection: Objection, answer: str, finding: str) -> Objection:
    """The answer after checking: an objection upheld takes the nomination off the list."""
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    nomination = _nomination(objection.nomination)
    scope.require(actor, "approve", nomination.round.org)
    if objection.answer:
        raise Refused(gettext("该异议已答复。"))
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


@action
def nominations_export_record(*, actor: Any, round: Round, fmt: str, count: int) -> None:
    audit(actor=actor, action="honours.round.export", obj=round, org=round.org,
          detail={"round": round.title, "format": fmt, "rows": count})  # fmt: skip
