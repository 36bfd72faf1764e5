"""A draft meeting record from facts the bulletin importer found in an article and an editor
accepted (the bulletin's suggestions are read only; the draft is checked by a person)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from gonghui.bulletin.models import FactKind, FactStatus, FactSuggestion
from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action

from ..models import COMMITTEE_OF_MEETING, CommitteeKind, ElectionKind, Meeting, MeetingKind, Post
from ..names import cn_numeral
from ..selectors import committee_current, meeting_fact_of_article
from .elections import CandidateIn, election_create
from .meetings import meeting_create

FACT_MEETING_KINDS = {
    "全委会": MeetingKind.PLENARY,
    "执委会": MeetingKind.PLENARY,
    "常委会": MeetingKind.STANDING,
}


@dataclass(frozen=True)
class Draft:
    meeting: Meeting
    elections: int
    skipped: list[str]  # election facts that could not become a draft election, and why


def election_target(post_text: str) -> tuple[str, str]:
    """(committee kind, post) named by an article's words: 市总工会第七届经审委员 → audit member."""
    if "经审" in post_text or "经费审查" in post_text:
        if "副主任" in post_text:
            return CommitteeKind.AUDIT, Post.AUDIT_VICE
        if "主任" in post_text:
            return CommitteeKind.AUDIT, Post.AUDIT_HEAD
        return CommitteeKind.AUDIT, Post.AUDIT_MEMBER
    if "女职" in post_text:
        return CommitteeKind.WOMEN, Post.WOMEN_HEAD if "主任" in post_text else Post.WOMEN_MEMBER
    if "常务副主席" in post_text:
        return CommitteeKind.COMMITTEE, Post.EXEC_VICE_CHAIR
    if "副主席" in post_text:
        return CommitteeKind.COMMITTEE, Post.VICE_CHAIR
    if "主席" in post_text:
        return CommitteeKind.COMMITTEE, Post.CHAIR
    if "常委" in post_text:
        return CommitteeKind.STANDING, Post.STANDING
    return CommitteeKind.COMMITTEE, Post.MEMBER


def election_kind(action: str) -> str:
    if "替补" in action and "增" not in action:
        return ElectionKind.REPLACE
    if "增" in action:
        return ElectionKind.ADD
    if "补选" in action:
        return ElectionKind.BY_ELECTION
    return ElectionKind.ELECT


def _article_date(fact: FactSuggestion) -> dt.date:
    """The first full date the article gives before the meeting is named, else the issue's."""
    dates = FactSuggestion.objects.filter(article=fact.article, kind=FactKind.DATE).order_by("start")
    issue_date = fact.article.issue.date
    chosen = None
    for d in dates:
        v = d.value
        if v.get("month") and v.get("day"):
            try:
                chosen = dt.date(v.get("year") or issue_date.year, v["month"], v["day"])
            except (TypeError, ValueError):
                continue
            if d.start <= fact.start:
                break
    return chosen or issue_date


@action
def meeting_draft_from_fact(*, actor: Any, fact: FactSuggestion) -> Draft:
    """Turn an accepted meeting fact (or an election fact of an article that names a meeting)
    into a draft meeting of the union it names, with the article's elections as drafts."""
    fact = FactSuggestion.objects.select_related("article__issue", "matched_org").get(pk=fact.pk)
    if fact.status != FactStatus.ACCEPTED:
        raise ValidationError(gettext("只有已采纳的建议才能转为会议记录。"))
    if fact.kind == FactKind.ELECTION:
        meeting_fact = meeting_fact_of_article(fact.article)
        if meeting_fact is None:
            raise ValidationError(gettext("该文章没有指明召开会议的工会，无法据此建立会议记录。"))
    elif fact.kind == FactKind.MEETING:
        meeting_fact = fact
    else:
        raise ValidationError(gettext("只有会议和选举建议可以转为会议记录。"))
    org = meeting_fact.matched_org
    if org is None:
        raise ValidationError(gettext("该建议没有对应到具体工会，无法据此建立会议记录。"))
    scope.require(actor, "edit", org)
    existing = Meeting.objects.filter(source_fact=meeting_fact).first()
    if existing is not None:
        raise ValidationError(gettext("已据此建立会议记录：%(name)s。") % {"name": existing.name})
    v = meeting_fact.value
    kind = FACT_MEETING_KINDS.get(v.get("kind", ""), MeetingKind.PLENARY)
    held_on = min(_article_date(meeting_fact), cleaning.today())
    term = v.get("term")
    committee = None
    ckind = COMMITTEE_OF_MEETING[kind]
    if isinstance(term, int):
        committee = org.committees.filter(kind=ckind, term=term, merged_from__isnull=True).first()
        if committee is None:
            raise ValidationError(
                gettext("「%(name)s」尚未登记第%(value)s届%(label)s，请先登记后再据此建立会议记录。")
                % {"name": org.name, "value": cn_numeral(term), "label": CommitteeKind(ckind).label}
            )
    meeting = meeting_create(
        actor=actor, org=org, kind=kind, held_on=held_on, committee=committee,
        sequence=v.get("session") if isinstance(v.get("session"), int) else None,
        enlarged=bool(v.get("enlarged")), source_fact=meeting_fact,
        summary=f"据《{fact.article.issue}》：{fact.article.title}",
    )  # fmt: skip
    made, skipped = 0, []
    seen: set[tuple[int, str, tuple[str, ...]]] = set()
    elections = FactSuggestion.objects.filter(
        article=fact.article, kind=FactKind.ELECTION, status=FactStatus.ACCEPTED
    ).order_by("start")
    for e in elections:
        ev = e.value
        target_kind, post = election_target(ev.get("post", ""))
        target = committee_current(org, target_kind, held_on)
        names = [n for n in ev.get("names") or [] if isinstance(n, str) and n.strip()]
        if target is None:
            skipped.append(f"{e.text}：尚未登记{CommitteeKind(target_kind).label}")
            continue
        if not names:
            skipped.append(f"{e.text}：没有候选人姓名")
            continue
        key = (target.pk, post, tuple(names))
        if key in seen:  # the same election told twice (选举…为 … / …当选为 …)
            continue
        seen.add(key)
        try:
            with transaction.atomic():
                election_create(
                    actor=actor, meeting=meeting, committee=target, kind=election_kind(ev.get("action", "")),
                    post=post, seats=len(names), candidates=[CandidateIn(n) for n in names],
                )  # fmt: skip
        except ValidationError as exc:
            skipped.append(f"{e.text}：{'；'.join(exc.messages)}")
            continue
        made += 1
    return Draft(meeting, made, skipped)
