"""The rules of a selection round, each answering "" when a thing may happen and otherwise why
not, in Chinese: the workflow's guards, the abilities and the actions all ask these.

A nomination climbs from the union that made it to the union that opened the round, stopping at
every union on the way that was allotted places (名额) and nowhere else. A union with places
passes at most that many nominations of its subtree up; the conditions of the round (一线职工
比例, 企业负责人人数) hold for every union's list, and at the end for the round's whole list.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from gonghui.kernel import cleaning
from gonghui.orgs.models import SEGMENT, Org

from .models import (
    ALIVE,
    PASSED_ALL,
    RANK,
    HonourKind,
    Nomination,
    NominationState,
    Objection,
    Quota,
    Round,
    RoundState,
)


def ancestors_below(org: Org, top: Org) -> list[str]:
    """The paths of `org` and its ancestors strictly below `top`, deepest first."""
    return [org.path[:n] for n in range(len(org.path), len(top.path), -SEGMENT)]


def quota_of(round: Round, org: Org) -> Quota | None:
    return Quota.objects.filter(round=round, org=org).first()


def places_of(round: Round, org: Org) -> int | None:
    """How many nominations `org` may pass up: its quota, the round's places at the top, None
    when it holds no places (it does not review)."""
    if org.pk == round.org_id:
        return round.places
    quota = quota_of(round, org)
    return quota.places if quota else None


def reviewers(nomination: Nomination) -> list[Org]:
    """The unions that review a nomination, in order: those holding places above the nominating
    union (deepest first), then the union that opened the round."""
    round = nomination.round
    paths = ancestors_below(nomination.org, round.org)[1:]
    holders = {
        q.org.path: q.org
        for q in Quota.objects.filter(round=round, org__path__in=paths).select_related("org")
    }
    return [holders[p] for p in paths if p in holders] + [round.org]


def next_reviewer(nomination: Nomination) -> Org:
    """Who reviews after the union the nomination is at now (after its own union, on submit)."""
    chain = reviewers(nomination)
    here = nomination.at
    if here is None or nomination.state == NominationState.DRAFT:
        return chain[0]
    after = [o for o in chain if len(o.path) < len(here.path)]
    return after[0] if after else chain[-1]


def passed(round: Round, org: Org, *, but: Nomination | None = None) -> QuerySet[Nomination]:
    """The nominations of `org`'s subtree that `org` has passed up (they are above it now, or
    past the last review), except `but`. For the union that opened the round: those it selected."""
    if org.pk == round.org_id:
        qs = Nomination.objects.filter(round=round, state__in=PASSED_ALL)
    else:
        qs = Nomination.objects.filter(round=round, org__path__startswith=org.path).filter(
            Q(state__in=PASSED_ALL) | Q(state=NominationState.REVIEWING, at__depth__lt=org.depth)
        )
    return qs.exclude(pk=but.pk) if but is not None and but.pk else qs


def passed_counts(round: Round, orgs: Sequence[Org]) -> dict[int, int]:
    """`passed(round, org).count()` for many unions at once (a round's whole ledger of places):
    one pass over the round's live nominations, each counted into the unions on its path that
    it has got past."""
    by_path = {o.path: o for o in orgs}
    counts = dict.fromkeys((o.pk for o in orgs), 0)
    rows = Nomination.objects.filter(round=round, state__in=ALIVE).values_list(
        "org__path", "state", "at__depth"
    )
    for path, state, at_depth in rows.iterator(chunk_size=5000):
        past_all = state in PASSED_ALL
        for i in range(SEGMENT, len(path) + 1, SEGMENT):
            org = by_path.get(path[:i])
            if org is None:
                continue
            if past_all or (
                org.pk != round.org_id
                and state == NominationState.REVIEWING
                and at_depth is not None
                and at_depth < org.depth
            ):
                counts[org.pk] += 1
    return counts


def non_frontline_allowed(places: int, pct: int) -> int:
    """How many of `places` may go to people who are not frontline workers when at least `pct`
    per cent must be."""
    return places - math.ceil(places * pct / 100)


def list_refusal(nomination: Nomination, org: Org) -> str:
    """Whether `org` may pass `nomination` up: its places and the round's conditions."""
    round = nomination.round
    places = places_of(round, org)
    if places is None:
        return ""
    others = passed(round, org, but=nomination)
    taken = others.count()
    if taken >= places:
        return gettext("「%(name)s」的名额为%(places)s名，已推荐%(taken)s名，不能再推荐。") % {
            "name": org.name,
            "places": places,
            "taken": taken,
        }
    if round.frontline_min_pct and not nomination.frontline:
        allowed = non_frontline_allowed(places, round.frontline_min_pct)
        n = others.filter(frontline=False).count()
        if n + 1 > allowed:
            return gettext(
                "本次评选一线职工比例不低于%(frontline_min_pct)s%%：「%(name)s」的%(places)s个名额中非一线人员最多%(allowed)s名，已推荐%(n)s名。"
            ) % {
                "frontline_min_pct": round.frontline_min_pct,
                "name": org.name,
                "places": places,
                "allowed": allowed,
                "n": n,
            }
    if round.leaders_max is not None and nomination.leader:
        n = others.filter(leader=True).count()
        if n + 1 > round.leaders_max:
            return gettext("本次评选企业负责人不超过%(leaders_max)s名，「%(name)s」已推荐%(n)s名。") % {
                "leaders_max": round.leaders_max,
                "name": org.name,
                "n": n,
            }
    return ""


def organiser_refusal(kind: HonourKind, org: Org) -> str:
    """Whether `org` may open a round of `kind` (its organising level)."""
    if (
        kind.organiser_level
        and org.level != kind.organiser_level
        and RANK.get(org.level) != RANK.get(kind.organiser_level)
    ):
        return gettext("「%(name)s」由%(organiser_level)s组织评选，「%(name2)s」不能开展。") % {
            "name": kind.name,
            "organiser_level": kind.get_organiser_level_display(),
            "name2": org.name,
        }
    return ""


def nominator_refusal(kind: HonourKind, org: Org) -> str:
    """Whether `org` may put a candidate forward for `kind` (the lowest level that may)."""
    if kind.nominator_level and RANK.get(org.level, 99) > RANK[kind.nominator_level]:
        return gettext("「%(name)s」只能由%(nominator_level)s及以上工会推荐，「%(name2)s」不能直接推荐。") % {
            "name": kind.name,
            "nominator_level": kind.get_nominator_level_display(),
            "name2": org.name,
        }
    return ""


def round_open_refusal(round: Round) -> str:
    if round.state != RoundState.OPEN:
        return gettext("评选「%(title)s」%(state)s，不能再办理推荐。") % {
            "title": round.title,
            "state": round.get_state_display(),
        }
    return ""


# ---- the nomination flow's guards ------------------------------------------------------------


def may_submit(nomination: Nomination) -> str:
    round = nomination.round
    why = round_open_refusal(round)
    if why:
        return why
    if cleaning.today() > round.nominate_until:
        return gettext("推荐已于%(nominate_until)s截止。") % {
            "nominate_until": format(round.nominate_until, "%Y年%-m月%-d日")
        }
    if nomination.member_id:
        twice = Nomination.objects.filter(
            round=round, member_id=nomination.member_id, state__in=(NominationState.REVIEWING, *PASSED_ALL)
        ).exclude(pk=nomination.pk)
        if twice.exists():
            return gettext("%(name)s已在本次评选中被推荐，不能重复推荐。") % {"name": nomination.name}
    return list_refusal(nomination, nomination.org)


def may_recommend(nomination: Nomination) -> str:
    why = round_open_refusal(nomination.round)
    if why:
        return why
    if nomination.at_id == nomination.round.org_id:
        return gettext("已到组织评选的工会，请确定拟表彰对象。")
    return list_refusal(nomination, nomination.at)  # type: ignore[arg-type]


def may_select(nomination: Nomination) -> str:
    why = round_open_refusal(nomination.round)
    if why:
        return why
    if nomination.at_id != nomination.round.org_id:
        return gettext("须由组织评选的工会确定拟表彰对象。")
    return list_refusal(nomination, nomination.round.org)


def may_decide(nomination: Nomination) -> str:
    return round_open_refusal(nomination.round)


def open_objections(nomination: Nomination) -> int:
    return Objection.objects.filter(nomination=nomination, answer=Objection.Answer.OPEN).count()


def notice_refusal(round: Round) -> str:
    """Whether the 公示 of the round is over."""
    if round.state != RoundState.NOTICE or round.notice_until is None:
        return gettext("尚未公示。")
    if cleaning.today() <= round.notice_until:
        return gettext("公示期至%(notice_until)s，公示期满后方可表彰。") % {
            "notice_until": format(round.notice_until, "%Y年%-m月%-d日")
        }
    return ""


def may_confer(nomination: Nomination) -> str:
    why = notice_refusal(nomination.round)
    if why:
        return why
    if open_objections(nomination):
        return gettext("%(name)s有尚未答复的异议，答复后方可表彰。") % {"name": nomination.name}
    return ""


def may_revoke(nomination: Nomination) -> str:
    if not Objection.objects.filter(nomination=nomination, answer=Objection.Answer.UPHELD).exists():
        return gettext("只有异议成立的才能撤销。")
    return ""


# ---- the round flow's guards -----------------------------------------------------------------


def may_publish(round: Round) -> str:
    selected = Nomination.objects.filter(round=round, state=NominationState.SELECTED)
    count = selected.count()
    if not count:
        return gettext("尚无拟表彰对象，不能公示。")
    waiting = Nomination.objects.filter(round=round, state=NominationState.REVIEWING).count()
    if waiting:
        return gettext("尚有%(waiting)s份推荐在审核中，请审核完毕后再公示。") % {"waiting": waiting}
    if count > round.places:
        return gettext("拟表彰%(count)s名，超过名额%(places)s名。") % {"count": count, "places": round.places}
    if round.frontline_min_pct:
        front = selected.filter(frontline=True).count()
        if front * 100 < count * round.frontline_min_pct:
            return gettext(
                "一线职工%(front)s名，占%(value)s%%，低于本次评选要求的%(frontline_min_pct)s%%。"
            ) % {"front": front, "value": front * 100 // count, "frontline_min_pct": round.frontline_min_pct}
    if round.leaders_max is not None:
        leaders = selected.filter(leader=True).count()
        if leaders > round.leaders_max:
            return gettext("企业负责人%(leaders)s名，超过本次评选的上限%(leaders_max)s名。") % {
                "leaders": leaders,
                "leaders_max": round.leaders_max,
            }
    return ""


def may_close(round: Round) -> str:
    why = notice_refusal(round)
    if why:
        return why
    waiting = Objection.objects.filter(nomination__round=round, answer=Objection.Answer.OPEN).count()
    if waiting:
        return gettext("尚有%(waiting)s件异议未答复，答复后方可表彰。") % {"waiting": waiting}
    return ""
