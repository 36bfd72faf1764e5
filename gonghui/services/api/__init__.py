"""The services API: the same selectors and actions as the pages."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext
from ninja import Router, Status

from gonghui.kernel import cleaning, web
from gonghui.kernel.errors import Refused
from gonghui.kernel.web import AuthedRequest
from gonghui.members.selectors import member_get_for_actor
from gonghui.orgs.selectors import org_get_for_actor
from gonghui.units.selectors import unit_get_for_actor

from .. import actions, selectors
from ..abilities import thread_abilities
from ..models import Article, Booking, Centre, RightsCase
from ..stats import case_stats
from .schemas import (
    AdvanceIn,
    ArticleDetailOut,
    ArticleOut,
    BookingDetailOut,
    BookingIn,
    BookingOut,
    CancelIn,
    CaseDetailOut,
    CaseIn,
    CasePage,
    CentreOut,
    CloseIn,
    FeedbackIn,
    FiguresOut,
    MarkIn,
    MessageOut,
    PostIn,
    ProviderOut,
    SlotOut,
    StatsOut,
    ThreadDetailOut,
    ThreadIn,
    ThreadOut,
)

router = Router(tags=["职工服务"])


# ------------------------------------------------------------------------------- centres


@router.get(
    "/centres", response=list[CentreOut], summary="服务中心（官员：管辖范围内；会员：为其服务的中心）"
)
def list_centres(request: AuthedRequest, within: int | None = None) -> list[Centre]:
    member = selectors.own_member(request.user)
    if member is not None and within is None:
        return selectors.centres_for_member(member)
    within_org = org_get_for_actor(actor=request.user, pk=within) if within else None
    return list(selectors.centres_for_actor(actor=request.user, within=within_org)[:500])


@router.get("/centres/{int:centre_id}/providers", response=list[ProviderOut], summary="中心的咨询师与律师")
def list_providers(request: AuthedRequest, centre_id: int) -> list[object]:
    member = selectors.own_member(request.user)
    if member is not None:
        providers = [p for p in selectors.providers_for_member(member) if p.centre_id == centre_id]
        if providers:
            return list(providers)
    centre = selectors.centre_get_for_actor(actor=request.user, pk=centre_id)
    return list(centre.providers.prefetch_related("services").all())


def _provider_for(request: AuthedRequest, provider_id: int) -> object:
    member = selectors.own_member(request.user)
    if member is not None:
        try:
            return selectors.provider_get_for_member(member=member, pk=provider_id)
        except Http404:
            pass
    return selectors.provider_get_for_booking(actor=request.user, pk=provider_id)


@router.get(
    "/providers/{int:provider_id}/slots",
    response=list[SlotOut],
    summary=f"空闲时段（从 first 起 days 天，最远到今天起{selectors.BOOKING_WINDOW_DAYS}天：能预约的时段）",
)
def list_slots(
    request: AuthedRequest, provider_id: int, first: dt.date | None = None, days: int | None = None
) -> list[object]:
    provider = _provider_for(request, provider_id)
    if days is not None and days < 1:
        raise Refused({"days": gettext("天数至少为1。")})
    return list(selectors.bookable_slots(provider, first=first, days=days))  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ bookings


@router.get("/bookings", response=list[BookingOut], summary="预约（会员：本人的；官员：管辖范围内中心的）")
def list_bookings(
    request: AuthedRequest,
    centre: int | None = None,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> list[Booking]:
    member = selectors.own_member(request.user)
    if member is not None and centre is None:
        return list(selectors.bookings_for_member(member).order_by("-starts_at")[:200])
    centre_obj = selectors.centre_get_for_actor(actor=request.user, pk=centre) if centre else None
    return selectors.bookings_for_actor(actor=request.user, centre=centre_obj, first=first, last=last)


@router.post(
    "/bookings", response={201: BookingOut}, summary="预约一个空闲时段（会员本人，或官员代会员预约）"
)
def create_booking(request: AuthedRequest, payload: BookingIn) -> Status[Booking]:
    if payload.member_id is None:
        member = selectors.own_member(request.user)
        if member is None:
            raise PermissionDenied("您的账号尚未关联会员身份；代会员预约请填写 member_id。")
        provider = selectors.provider_get_for_member(member=member, pk=payload.provider_id)
    else:
        member = member_get_for_actor(actor=request.user, pk=payload.member_id, perm="edit")
        provider = selectors.provider_get_for_booking(actor=request.user, pk=payload.provider_id)
    service = selectors.service_of_provider(provider=provider, pk=payload.service_id)
    if service is None:
        raise Refused({"service_id": gettext("该中心没有这个服务项目。")})
    booking = actions.booking_create(
        actor=request.user, member=member, provider=provider, service=service, starts_at=payload.starts_at,
        note=payload.note,
    )  # fmt: skip
    return Status(201, booking)


@router.get(
    "/bookings/{int:booking_id}", response=BookingDetailOut, summary="预约详情（及调用者现在可办的事项）"
)
def get_booking(request: AuthedRequest, booking_id: int) -> Booking:
    return selectors.booking_get_for_actor(actor=request.user, pk=booking_id)


@router.post("/bookings/{int:booking_id}/cancel", response=BookingDetailOut, summary="取消预约")
def cancel_booking(request: AuthedRequest, booking_id: int, payload: CancelIn) -> Booking:
    booking = selectors.booking_get_for_actor(actor=request.user, pk=booking_id)
    return actions.booking_cancel(actor=request.user, booking=booking, reason=payload.reason)


@router.post("/bookings/{int:booking_id}/mark", response=BookingDetailOut, summary="登记到访或爽约")
def mark_booking(request: AuthedRequest, booking_id: int, payload: MarkIn) -> Booking:
    booking = selectors.booking_get_for_actor(actor=request.user, pk=booking_id)
    return actions.booking_mark(actor=request.user, booking=booking, attended=payload.attended)


@router.post("/bookings/{int:booking_id}/feedback", response=BookingDetailOut, summary="满意度评价")
def feedback_booking(request: AuthedRequest, booking_id: int, payload: FeedbackIn) -> Booking:
    booking = selectors.booking_get_for_actor(actor=request.user, pk=booking_id)
    return actions.booking_feedback(
        actor=request.user, booking=booking, rating=payload.rating, comment=payload.comment
    )


# ------------------------------------------------------------------------- consultations


@router.get("/threads", response=list[ThreadOut], summary="在线咨询（本人作为会员、咨询师或督导的）")
def list_threads(request: AuthedRequest) -> list[object]:
    mine = selectors.threads_for_user(request.user)
    seen: dict[int, object] = {}
    for group in mine.values():
        for t in group:
            seen.setdefault(t.pk, t)
    return list(seen.values())


@router.get(
    "/threads/{int:thread_id}", response=ThreadDetailOut, summary="在线咨询内容（督导查阅记入审计日志）"
)
def get_thread(request: AuthedRequest, thread_id: int) -> dict[str, object]:
    opened = actions.consultation_open(actor=request.user, pk=thread_id)
    t = opened.thread
    return {
        "id": t.pk, "centre_id": t.centre_id, "provider_id": t.provider_id, "status": t.status, "last_at": t.last_at,
        "subject": t.subject, "role": opened.role, "messages": opened.messages, "supervisor": opened.supervisor_name,
        "abilities": thread_abilities(request.user, t).names(),
    }  # fmt: skip


@router.post("/threads", response={201: ThreadOut}, summary="会员发起在线咨询")
def create_thread(request: AuthedRequest, payload: ThreadIn) -> Status[object]:
    member = selectors.own_member(request.user)
    if member is None:
        raise PermissionDenied("只有已关联会员身份的职工可以发起在线咨询。")
    provider = selectors.provider_get_for_member(member=member, pk=payload.provider_id)
    thread = actions.thread_start(
        actor=request.user, provider=provider, subject=payload.subject, body=payload.body
    )
    return Status(201, thread)


@router.post("/threads/{int:thread_id}/messages", response={201: MessageOut}, summary="留言")
def post_message(request: AuthedRequest, thread_id: int, payload: PostIn) -> Status[object]:
    thread, _role = selectors.thread_get_for_actor(actor=request.user, pk=thread_id)
    return Status(201, actions.thread_post(actor=request.user, thread=thread, body=payload.body))


# ------------------------------------------------------------------------------ knowledge


@router.get("/knowledge", response=list[ArticleOut], summary="知识文章（已发布，为本人服务的中心）")
def list_articles(request: AuthedRequest) -> list[Article]:
    return selectors.articles_for_reader(request.user)


@router.get("/knowledge/{int:knowledge_id}", response=ArticleDetailOut, summary="知识文章")
def get_article(request: AuthedRequest, knowledge_id: int) -> Article:
    return selectors.article_get_for_actor(actor=request.user, pk=knowledge_id)


# ---------------------------------------------------------------------------------- cases


@router.get("/cases", response=CasePage, summary="维权案件")
def list_cases(
    request: AuthedRequest, within: int | None = None, category: str = "", stage: str = "", year: int | None = None,
    before: int | None = None,
) -> dict[str, object]:  # fmt: skip
    within_org = org_get_for_actor(actor=request.user, pk=within) if within else None
    year = None if year is None else cleaning.year(year)
    rows, nxt = selectors.case_list_for_actor(
        actor=request.user, within=within_org, category=category, stage=stage, year=year, before_id=before
    )
    return {"items": rows, "next_before": nxt}


@router.post("/cases", response={201: CaseDetailOut}, summary="受理维权案件")
def create_case(request: AuthedRequest, payload: CaseIn) -> Status[RightsCase]:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id, perm="edit")
    unit = (
        unit_get_for_actor(actor=request.user, pk=payload.employer_unit_id)
        if payload.employer_unit_id
        else None
    )
    lawyer = None
    if payload.lawyer_id:
        lawyer = selectors.lawyers_for_actor(actor=request.user, org=org).filter(pk=payload.lawyer_id).first()
        if lawyer is None:
            raise Refused({"lawyer_id": gettext("找不到可指派的律师。")})
    case = actions.case_create(
        actor=request.user, org=org, category=payload.category, intake_on=payload.intake_on, summary=payload.summary,
        parties=payload.parties, migrants=payload.migrants, party_names=payload.party_names, employer_unit=unit,
        employer_name=payload.employer_name, lawyer=lawyer, amount_claimed=payload.amount_claimed,
    )  # fmt: skip
    return Status(201, case)


@router.get("/cases/stats", response=StatsOut, summary="维权案件统计（任意子树，逐级下钻）")
def get_stats(request: AuthedRequest, org: int | None = None, year: int | None = None) -> dict[str, object]:
    year = None if year is None else cleaning.year(year)
    subject = (
        org_get_for_actor(actor=request.user, pk=org)
        if org
        else web.first_org(request.user, refusal=gettext("您没有可以查看的工会。"))
    )
    s = case_stats(actor=request.user, org=subject, year=year)

    def fig(f: object) -> dict[str, object]:
        return {k: getattr(f, k) for k in FiguresOut.model_fields}

    return {
        "org_id": subject.pk, "name": subject.name, "year": year,
        "rows": [{"org_id": r.org.pk, "name": r.label, "own": r.own, "figures": fig(r.figures)} for r in s.rows],
        "by_category": {code: fig(f) for code, _label, f in s.by_category}, "total": fig(s.total),
    }  # fmt: skip


@router.get("/cases/{int:case_id}", response=CaseDetailOut, summary="案件详情（及调用者现在可办的环节）")
def get_case(request: AuthedRequest, case_id: int) -> RightsCase:
    return selectors.case_get_for_actor(actor=request.user, pk=case_id)


@router.post("/cases/{int:case_id}/advance", response=CaseDetailOut, summary="转入调解、仲裁或诉讼")
def advance_case(request: AuthedRequest, case_id: int, payload: AdvanceIn) -> RightsCase:
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id)
    return actions.case_advance(
        actor=request.user, case=case, step=payload.step, on=payload.on, note=payload.note
    )


@router.post("/cases/{int:case_id}/close", response=CaseDetailOut, summary="结案（结果与挽回经济损失）")
def close_case(request: AuthedRequest, case_id: int, payload: CloseIn) -> RightsCase:
    case = selectors.case_get_for_actor(actor=request.user, pk=case_id)
    return actions.case_close(
        actor=request.user, case=case, outcome=payload.outcome, amount_recovered=payload.amount_recovered,
        on=payload.on, note=payload.note,
    )  # fmt: skip
