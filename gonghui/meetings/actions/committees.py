"""Committees by term, their seats over time, and a union's voting rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.cleaning import iso
from gonghui.orgs.models import Org

from ..models import (
    POSTS_BY_KIND,
    SINGLE_HOLDER_POSTS,
    Committee,
    CommitteeKind,
    JoinedHow,
    LeftWhy,
    MajorityBasis,
    Post,
    Seat,
    VotingRules,
)
from ..names import cn_numeral, committee_name
from ..rulebook import union_refusal
from ..selectors import seats_open_q

MAX_TERM = 999
# Reasons an officer gives when someone leaves; 被替补 and 职务变动 come from elections, 组织合并
# and 组织撤销 from the tree's changes.
LEAVING_REASONS = tuple(
    v
    for v in LeftWhy.values
    if v not in (LeftWhy.REPLACED, LeftWhy.POST_CHANGE, LeftWhy.MERGED, LeftWhy.DISSOLVED)
)


def _date(value: Any, *, field: str, label: str) -> dt.date:
    return cleaning.date(value, field=field, label=label, not_after_today=True)


def _text(value: Any, *, field: str, label: str, max_length: int, required: bool = False) -> str:
    return cleaning.text(value, field=field, label=label, max_length=max_length, required=required)


@action
def committee_create(
    *,
    actor: Any,
    org: Org,
    kind: str,
    term: int,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    seats_planned: int | None = None,
) -> Committee:
    """A new term's committee. A later term of the same kind ends the previous one on the day
    it starts (换届): its open seats close as 届满."""
    scope.require(actor, "edit", org)
    why = union_refusal(org, "登记委员会")
    if why:
        raise ValidationError({"org": why})
    if kind not in CommitteeKind.values:
        raise ValidationError({"kind": gettext("请选择委员会类别。")})
    if isinstance(term, bool) or not isinstance(term, int) or not 1 <= term <= MAX_TERM:
        raise ValidationError({"term": gettext("届次应为1至%(MAX_TERM)s的整数。") % {"MAX_TERM": MAX_TERM}})
    _date(starts_on, field="starts_on", label="本届起始日期")
    if ends_on is not None and ends_on <= starts_on:
        raise ValidationError({"ends_on": gettext("届满日期应晚于起始日期。")})
    if seats_planned is not None and not 1 <= seats_planned <= 999:
        raise ValidationError({"seats_planned": gettext("委员名额应为1至999的整数。")})
    label = CommitteeKind(kind).label
    same = Committee.objects.select_for_update().filter(org=org, kind=kind, merged_from__isnull=True)
    if same.filter(term=term).exists():
        raise ValidationError(
            {
                "term": gettext("「%(name)s」已登记第%(value)s届%(label)s。")
                % {"name": org.name, "value": cn_numeral(term), "label": label}
            }
        )
    later = same.filter(term__gt=term).order_by("term").first()
    if later is not None and (ends_on is None or ends_on > later.starts_on):
        raise ValidationError(
            {"ends_on": gettext("已有第%(value)s届%(label)s（%(starts_on)s起），补登往届时请填写不晚于该日期的届满日期。") % {"value": cn_numeral(later.term), "label": label, "starts_on": format(later.starts_on, '%Y-%m-%d')}}
        )  # fmt: skip
    previous = same.filter(term__lt=term).order_by("-term").first()
    closed = 0
    if previous is not None:
        if previous.starts_on >= starts_on:
            raise ValidationError(
                {"starts_on": gettext("第%(value)s届%(label)s始于%(starts_on)s，本届起始日期应晚于该日期。") % {"value": cn_numeral(previous.term), "label": label, "starts_on": format(previous.starts_on, '%Y-%m-%d')}}
            )  # fmt: skip
        if previous.ends_on is None or previous.ends_on > starts_on:
            previous.ends_on = starts_on
            previous.save(update_fields=["ends_on"])
            closed = previous.seats.filter(left_on__isnull=True).update(
                left_on=starts_on, left_why=LeftWhy.TERM_ENDED
            )
            previous.seats.filter(left_on__gt=starts_on).update(
                left_on=starts_on, left_why=LeftWhy.TERM_ENDED
            )
    try:
        with transaction.atomic():
            committee = Committee.objects.create(
                org=org,
                kind=kind,
                term=term,
                starts_on=starts_on,
                ends_on=ends_on,
                seats_planned=seats_planned,
            )
    except IntegrityError:
        raise ValidationError(
            {
                "term": gettext("「%(name)s」的第%(value)s届%(label)s刚刚已被登记。")
                % {"name": org.name, "value": cn_numeral(term), "label": label}
            }
        ) from None
    detail: dict[str, Any] = {
        "starts_on": iso(starts_on),
        "ends_on": iso(ends_on),
        "seats_planned": seats_planned,
    }
    if previous is not None and closed:
        detail["previous_closed"] = closed
    audit(actor=actor, action="meetings.committee.create", obj=committee, org=org, detail=detail)
    return committee


@dataclass(frozen=True)
class SeatIn:
    """One person to seat: as typed in a form or sent to the API."""

    name: str
    post: str
    title: str = ""
    member: Any = None


def _check_post(committee: Committee, post: str, *, field: str = "post") -> None:
    allowed = POSTS_BY_KIND[committee.kind]
    if post not in allowed:
        names = "、".join(str(Post(p).label) for p in allowed)
        raise ValidationError(
            {
                field: gettext("%(value)s的职务只能是：%(names)s。")
                % {"value": committee.get_kind_display(), "names": names}
            }
        )


def _check_in_term(committee: Committee, on: dt.date, *, field: str) -> None:
    if on < committee.starts_on:
        raise ValidationError(
            {
                field: gettext("日期早于本届起始日期（%(starts_on)s）。")
                % {"starts_on": format(committee.starts_on, "%Y-%m-%d")}
            }
        )
    if committee.ends_on is not None and on >= committee.ends_on:
        raise ValidationError(
            {field: gettext("本届已于%(ends_on)s届满。") % {"ends_on": format(committee.ends_on, "%Y-%m-%d")}}
        )


def seat_open(
    *,
    committee: Committee,
    person: SeatIn,
    on: dt.date,
    how: str,
    election: Any = None,
    replaces: Seat | None = None,
    leaving: Sequence[int] = (),
) -> Seat:
    """Open one seat (inside the caller's transaction, after the caller's checks). `leaving` are
    seats that close the same day (a replaced seat, the person's seat before a post change)."""
    _check_post(committee, person.post)
    open_now = committee.seats.filter(seats_open_q(on)).exclude(pk__in=list(leaving))
    if person.post in SINGLE_HOLDER_POSTS:
        holder = open_now.filter(post=person.post).first()
        if holder is not None:
            raise ValidationError(
                gettext("%(value)s%(label)s现由%(name)s担任，请先登记其离任，或作为替补选举。")
                % {
                    "value": committee.get_kind_display(),
                    "label": Post(person.post).label,
                    "name": holder.name,
                }
            )
    if open_now.filter(name=person.name).exists():
        raise ValidationError(
            gettext("%(name)s已是%(value)s的成员。")
            % {"name": person.name, "value": committee_name(committee)}
        )
    if committee.seats_planned is not None and not replaces:
        people = open_now.values("name").distinct().count()
        if people + 1 > committee.seats_planned:
            raise ValidationError(
                gettext("%(value)s委员名额为%(seats_planned)s人，现有%(people)s人，已满。")
                % {
                    "value": committee_name(committee),
                    "seats_planned": committee.seats_planned,
                    "people": people,
                }
            )
    return Seat.objects.create(
        committee=committee, name=person.name, title=person.title, post=person.post, member=person.member,
        joined_on=on, joined_how=how, election=election, replaces=replaces,
    )  # fmt: skip


def _clean_person(p: SeatIn, *, field: str) -> SeatIn:
    name = _text(p.member.name if p.member is not None else p.name, field=field, label="姓名",
                 max_length=50, required=True)  # fmt: skip
    title = _text(p.title, field=field, label="工作单位及职务", max_length=100)
    return SeatIn(name=name, post=p.post, title=title, member=p.member)


@action
def seats_register(*, actor: Any, committee: Committee, people: Sequence[SeatIn], on: dt.date) -> list[Seat]:
    """Enter who sits on a committee (the roster as it stands, e.g. when the record starts):
    all of them or, when any one is refused, none."""
    committee = (
        Committee.objects.select_for_update(of=("self",))
        .select_related("org", "merged_from")
        .get(pk=committee.pk)
    )
    scope.require(actor, "edit", committee.org)
    _date(on, field="on", label="任职日期")
    _check_in_term(committee, on, field="on")
    if not people:
        raise ValidationError({"people": gettext("请至少填写一人。")})
    seats: list[Seat] = []
    for i, raw in enumerate(people, start=1):
        person = _clean_person(raw, field="people")
        if person.member is not None:
            scope.require(actor, "view", person.member.org)
        try:
            seats.append(seat_open(committee=committee, person=person, on=on, how=JoinedHow.REGISTERED))
        except ValidationError as exc:
            raise ValidationError(
                {
                    "people": gettext("第%(i)s行（%(name)s）：%(value)s")
                    % {"i": i, "name": person.name, "value": "；".join(exc.messages)}
                }
            ) from None
    audit(
        actor=actor, action="meetings.seat.register", obj=committee, org=committee.org,
        detail={"on": iso(on), "people": [f"{s.name}（{s.get_post_display()}）" for s in seats]},
    )  # fmt: skip
    return seats


@action
def seat_end(*, actor: Any, seat: Seat, on: dt.date, why: str, note: str = "") -> Seat:
    """Someone leaves the committee: the seat closes on `on` (they are not on the roster that day)."""
    seat = (
        Seat.objects.select_for_update(of=("self",))
        .select_related("committee__org", "committee__merged_from")
        .get(pk=seat.pk)
    )
    org = seat.committee.org
    scope.require(actor, "edit", org)
    if seat.left_on is not None:
        raise ValidationError(
            gettext("%(name)s已于%(left_on)s离任。")
            % {"name": seat.name, "left_on": format(seat.left_on, "%Y-%m-%d")}
        )
    _date(on, field="on", label="离任日期")
    if on < seat.joined_on:
        raise ValidationError(
            {
                "on": gettext("离任日期不能早于任职日期（%(joined_on)s）。")
                % {"joined_on": format(seat.joined_on, "%Y-%m-%d")}
            }
        )
    if why not in LEAVING_REASONS:
        raise ValidationError({"why": gettext("请选择离任原因。")})
    note = _text(note, field="note", label="离任说明", max_length=200)
    seat.left_on, seat.left_why, seat.left_note = on, why, note
    seat.save(update_fields=["left_on", "left_why", "left_note"])
    audit(
        actor=actor, action="meetings.seat.end", obj=seat, org=org,
        detail={"on": iso(on), "reason": LeftWhy(why).label, "note": note, "committee": str(seat.committee)},
    )  # fmt: skip
    return seat


@action
def rules_set(*, actor: Any, org: Org, quorum_num: int, quorum_den: int, majority_basis: str) -> VotingRules:
    """The union's quorum and majority rules (unions below without their own follow them)."""
    scope.require(actor, "manage", org)
    if not (1 <= quorum_num <= quorum_den <= 10):
        raise ValidationError(
            {"quorum_num": gettext("法定人数应写成不大于1的分数，如 2/3（分母不超过10）。")}
        )
    if quorum_num * 2 < quorum_den:
        raise ValidationError({"quorum_num": gettext("法定人数不能少于应到会人数的半数。")})
    if majority_basis not in MajorityBasis.values:
        raise ValidationError({"majority_basis": gettext("请选择过半数的基数。")})
    rules, _ = VotingRules.objects.select_for_update().get_or_create(org=org)
    before = {
        "quorum": f"{rules.quorum_num}/{rules.quorum_den}",
        "majority": rules.get_majority_basis_display(),
    }
    rules.quorum_num, rules.quorum_den, rules.majority_basis = quorum_num, quorum_den, majority_basis
    rules.save()
    audit(
        actor=actor, action="meetings.rules.set", obj=rules, org=org,
        detail={"before": before, "after": {"quorum": f"{quorum_num}/{quorum_den}",
                                            "majority": MajorityBasis(majority_basis).label}},
    )  # fmt: skip
    return rules
