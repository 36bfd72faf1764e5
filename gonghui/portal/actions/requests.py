"""Requests for help (诉求): the worker writes, their grassroots union answers with a date by which
it will act, or turns the request into a rights case or a hardship application; unanswered in
time, the request goes up to the next union (by the worker's button or the worker process)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.assistance.actions import application_submit
from gonghui.assistance.models import Household
from gonghui.kernel import cleaning
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import InvalidTransition, transition
from gonghui.members.choices import COUNTED
from gonghui.members.selectors import member_for_user
from gonghui.orgs.models import Org
from gonghui.services.actions import case_create
from gonghui.services.models import CaseCategory

from ..models import Answer, Category, HelpRequest, answer_days, in_days
from ..workflow import REQUEST

# A request's category as a rights case's (services.CaseCategory).
CASE_CATEGORY: dict[str, str] = {
    Category.WAGES: CaseCategory.WAGES,
    Category.INJURY: CaseCategory.WORK_INJURY,
    Category.CONTRACT: CaseCategory.CONTRACT,
    Category.HARDSHIP: CaseCategory.OTHER,
    Category.OTHER: CaseCategory.OTHER,
}
TEXT_MAX = 2000


@action
def request_submit(*, actor: User, category: str, text: Any, anonymous: bool = False) -> HelpRequest:
    """A member asks for help; the request goes to their grassroots union."""
    member = member_for_user(user=actor)
    if member is None or member.status not in COUNTED:
        raise PermissionDenied("只有会员本人可以提出诉求；请先入会或联系所在工会关联会员档案。")
    errors: dict[str, Any] = {}
    if category not in Category.values:
        errors["category"] = gettext("请选择诉求类别。")
    try:
        clean = cleaning.body(text, field="text", label="诉求内容", max_length=TEXT_MAX)
    except Refused as exc:
        errors.update(exc.message_dict)
    if errors:
        raise Refused(errors)
    request = HelpRequest.objects.create(
        org=member.org, origin=member.org, member=member, user=actor, category=category, text=clean,
        anonymous=bool(anonymous), answer_by=in_days(answer_days()),
    )  # fmt: skip
    audit(
        actor=actor, action="portal.request.submit", obj=request, org=member.org,
        detail={"kind": request.get_category_display(), "anonymous": request.anonymous},
        actor_hidden=_worker_hidden(request, actor),
    )  # fmt: skip
    return request


def _worker_hidden(request: HelpRequest, actor: User | None) -> bool:
    """The worker's own step on a request filed anonymously: the audit log, which the officers
    of their (workplace) union read, does not name them."""
    return request.anonymous and actor is not None and actor.pk == request.user_id


def _locked(request: HelpRequest) -> HelpRequest:
    return (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("org__parent", "member", "origin")
        .get(pk=request.pk)
    )


@action
def request_answer(*, actor: User, request: HelpRequest, text: Any, due_on: dt.date | None = None) -> Answer:
    """The union answers, saying by when it will act (办理期限)."""
    request = _locked(request)
    REQUEST.check(actor, request, "answer")
    errors: dict[str, Any] = {}
    try:
        clean = cleaning.body(text, field="text", label="答复内容", max_length=TEXT_MAX)
    except Refused as exc:
        errors.update(exc.message_dict)
    if due_on is not None and due_on < timezone.localdate():
        errors["due_on"] = gettext("办理期限不能早于今天。")
    if errors:
        raise Refused(errors)
    answer = Answer.objects.create(request=request, org=request.org, text=clean, due_on=due_on, by=actor)
    fields: tuple[str, ...] = ()
    if request.first_answered_at is None:
        request.first_answered_at = answer.at
        fields = ("first_answered_at",)
    transition(
        REQUEST, request, "answer", actor=actor, org=request.org,
        detail={"due_on": due_on.isoformat() if due_on else ""}, extra_fields=fields,
    )  # fmt: skip
    return answer


def _escalate(request: HelpRequest, *, actor: User | None) -> HelpRequest:
    parent = request.org.parent
    if parent is None:
        raise InvalidTransition("已是最高一级工会，不能再上报。")
    before = request.org
    # The step is checked (and audited) on the request as it stands; then it moves up.
    transition(
        REQUEST, request, "escalate", actor=actor, org=parent,
        detail={"from_org": before.name, "to_org": parent.name, "days": answer_days()},
        actor_hidden=_worker_hidden(request, actor),
    )  # fmt: skip
    request.org, request.answer_by = parent, in_days(answer_days())
    request.escalations += 1
    request.save(update_fields=["org", "answer_by", "escalations"])
    return request


@action
def request_escalate(*, actor: User | None, request: HelpRequest) -> HelpRequest:
    """Not answered within the days: the worker sends it to the union above (the worker process
    does the same for every overdue request, `actor=None`)."""
    request = _locked(request)
    REQUEST.check(actor, request, "escalate")
    return _escalate(request, actor=actor)


def requests_escalate_overdue(*, now: dt.datetime | None = None) -> int:
    """The worker's round: every waiting request past its answer date goes up one union."""
    now = now or timezone.now()
    due = HelpRequest.objects.filter(
        state=HelpRequest.State.WAITING, answer_by__lt=now, org__parent__isnull=False
    )
    count = 0
    for pk in due.values_list("pk", flat=True).order_by("answer_by", "pk"):
        try:
            request_escalate(actor=None, request=HelpRequest(pk=pk))
            count += 1
        except InvalidTransition:
            continue
    return count


@action
def request_to_case(*, actor: User, request: HelpRequest) -> HelpRequest:
    """The union takes the request up as a rights case (services); the case names the worker
    only when they did not ask to stay anonymous."""
    request = _locked(request)
    REQUEST.check(actor, request, "to_case")
    member = request.member
    case = case_create(
        actor=actor, org=request.org, category=CASE_CATEGORY[request.category], intake_on=timezone.localdate(),
        summary=request.text, parties=1, migrants=1 if member.migrant_worker else 0,
        party_names="" if request.anonymous else member.name, employer_name=member.employer_name,
    )  # fmt: skip
    request.case = case
    transition(
        REQUEST, request, "to_case", actor=actor, org=request.org, detail={"number": case.number},
        extra_fields=("case",),
    )  # fmt: skip
    return request


def hardship_household(request: HelpRequest) -> Household | None:
    """The worker's hardship file, if they have one (found by the ID's blind index)."""
    return (
        Household.objects.filter(id_bidx=request.member.id_number_bidx)
        .exclude(status=Household.Status.MERGED)
        .order_by("-id")
        .first()
    )


@action
def request_to_hardship(
    *, actor: User, request: HelpRequest, kind: str, amount: Decimal | str | None
) -> HelpRequest:
    """The union applies for hardship help on the worker's file (assistance) from the request."""
    request = _locked(request)
    REQUEST.check(actor, request, "to_hardship")
    household = hardship_household(request)
    if household is None:
        raise Refused(gettext("该职工尚无困难职工档案：请先在「困难帮扶」为其建档，再转为帮扶申请。"))
    application = application_submit(
        actor=actor, household=household, kind=kind, amount=amount, reason=request.text[:500]
    )
    request.application = application
    transition(
        REQUEST, request, "to_hardship", actor=actor, org=request.org,
        detail={"kind": application.get_kind_display(), "amount": str(application.amount)},
        extra_fields=("application",),
    )  # fmt: skip
    return request


@action
def request_rate(*, actor: User, request: HelpRequest, rating: Any, note: Any = "") -> HelpRequest:
    """The worker rates the outcome (1–5), which closes the request."""
    request = _locked(request)
    REQUEST.check(actor, request, "rate")
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise Refused({"rating": gettext("请选择1到5星的评价。")})
    request.rating = value
    request.rating_note = cleaning.text(note, field="note", label="评价", max_length=200, required=False)
    request.closed_at = timezone.now()
    transition(
        REQUEST, request, "rate", actor=actor, org=request.org, detail={"rating": value},
        actor_hidden=_worker_hidden(request, actor),
        extra_fields=("rating", "rating_note", "closed_at"),
    )  # fmt: skip
    return request


def requests_follow_merge(*, source: Org, target: Org, **_: Any) -> int:
    moved = HelpRequest.objects.filter(org=source).update(org=target)
    HelpRequest.objects.filter(origin=source).update(origin=target)
    Answer.objects.filter(org=source).update(org=target)
    return moved


def requests_follow_dissolution(*, org: Org, **_: Any) -> int:
    """Open requests held by a dissolved union go to the union above it."""
    if org.parent_id is None:
        return 0
    return HelpRequest.objects.filter(org=org, state__in=("waiting", "answered")).update(org_id=org.parent_id)


@action
def requests_export_record(*, actor: User, within: Org | None, fmt: str) -> None:
    """An export of the requests ledger leaves an audit row (who, which union, which format)."""
    audit(actor=actor, action="portal.request.export", org=within,
          detail={"format": fmt, "filters": {"within": within.name if within else ""}})  # fmt: skip
