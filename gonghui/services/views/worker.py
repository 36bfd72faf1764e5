"""Pages for workers (on their phones) and for providers: booking, my bookings, consultation
threads, knowledge articles. Each view parses, calls one action or selector, renders."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel.web import AuthedRequest, apply_errors, int_param

from .. import actions, selectors
from ..forms import BookForm, CancelForm, FeedbackForm, ReplyForm, ThreadForm
from ..models import Booking
from ._common import INVALID, errors_text

BOOK_DAYS = 14


@login_required
@require_GET
def member_home(request: AuthedRequest) -> HttpResponse:
    member = selectors.own_member(request.user)
    if member is None:
        if selectors.providers_of_user(request.user):
            return redirect("services:provider_home")
        return render(request, "services/me.html", {"member": None})
    now = timezone.now()
    bookings = selectors.bookings_for_member(member)
    return render(
        request,
        "services/me.html",
        {
            "member": member,
            "upcoming": list(
                bookings.filter(status=Booking.Status.BOOKED, ends_at__gt=now).order_by("starts_at")[:20]
            ),
            "past": list(
                bookings.exclude(status=Booking.Status.BOOKED, ends_at__gt=now).order_by("-starts_at")[:20]
            ),
            "centres": selectors.centres_for_member(member),
            "threads": selectors.threads_for_user(request.user)["member"][:10],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def book(request: AuthedRequest) -> HttpResponse:
    """Choose a provider, a service and a free slot; POST books it."""
    member = selectors.own_member(request.user)
    if member is None:
        return render(request, "services/me.html", {"member": None}, status=403)
    status = 200
    form = BookForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                provider = selectors.provider_get_for_member(member=member, pk=form.cleaned_data["provider"])
                service = selectors.service_of_provider(provider=provider, pk=form.cleaned_data["service"])
                if service is None:
                    raise ValidationError("请选择服务项目。")
                booking = actions.booking_create(
                    actor=request.user, member=member, provider=provider, service=service,
                    starts_at=form.cleaned_data["starts_at"], note=form.cleaned_data["note"],
                )  # fmt: skip
            except ValidationError as exc:
                errors = errors_text(exc)
            else:
                messages.success(request, "预约成功，我们会在咨询前一天提醒您。")
                return redirect("services:booking", booking_id=booking.pk)
        else:
            errors = ["请选择要预约的时段。"]
    pid = int_param(request, "provider") or (
        form.cleaned_data.get("provider") if form.is_bound and form.is_valid() else None
    )
    providers = selectors.providers_for_member(member)
    context: dict[str, object] = {"member": member, "providers": providers, "errors": errors}
    if pid:
        provider = selectors.provider_get_for_member(member=member, pk=pid)
        services = list(provider.services.filter(active=True))
        sid = int_param(request, "service")
        service = next((s for s in services if s.pk == sid), services[0] if len(services) == 1 else None)
        today = timezone.localdate()
        slots = selectors.free_slots(provider, first=today, last=today + dt.timedelta(days=BOOK_DAYS))
        days = [
            (day, list(group))
            for day, group in groupby(slots, key=lambda s: timezone.localtime(s.starts_at).date())
        ]
        context.update({"provider": provider, "services": services, "service": service, "days": days})
    return render(request, "services/book.html", context, status=status)


@login_required
@require_GET
def booking_detail(request: AuthedRequest, booking_id: int) -> HttpResponse:
    booking = selectors.booking_get_for_actor(actor=request.user, pk=booking_id)
    return _booking_page(request, booking)


def _booking_page(
    request: AuthedRequest, booking: Booking, *, cancel: CancelForm | None = None, feedback: FeedbackForm | None = None,
    status: int = 200,
) -> HttpResponse:  # fmt: skip
    relation = selectors.booking_relation(request.user, booking)
    write = selectors.booking_relation(request.user, booking, for_write=True)
    now = timezone.now()
    open_ = booking.status == Booking.Status.BOOKED
    return render(
        request,
        "services/booking.html",
        {
            "b": booking, "relation": relation,
            "can_cancel": open_ and booking.starts_at > now and write in {"member", "centre", "union"},
            "can_mark": booking.starts_at <= now and write in {"provider", "centre"}
            and booking.status != Booking.Status.CANCELLED,
            "can_rate": relation == "member" and booking.status == Booking.Status.ATTENDED and booking.rating is None,
            "cancel_form": cancel or CancelForm(), "feedback_form": feedback or FeedbackForm(),
            "show_member": relation != "member",
        },
        status=status,
    )  # fmt: skip


@login_required
@require_POST
def booking_cancel(request: AuthedRequest, booking_id: int) -> HttpResponse:
    booking = selectors.booking_get_for_actor(actor=request.user, pk=booking_id, for_write=True)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            actions.booking_cancel(actor=request.user, booking=booking, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "预约已取消，该时段已释放。")
            return redirect("services:booking", booking_id=booking.pk)
    return _booking_page(request, booking, cancel=form, status=INVALID)


@login_required
@require_POST
def booking_mark(request: AuthedRequest, booking_id: int) -> HttpResponse:
    booking = selectors.booking_get_for_actor(actor=request.user, pk=booking_id, for_write=True)
    outcome = request.POST.get("outcome", "")
    if outcome not in {"attended", "no_show"}:
        messages.error(request, "请选择到访或爽约。")
        return _booking_page(request, booking, status=INVALID)
    try:
        actions.booking_mark(actor=request.user, booking=booking, attended=outcome == "attended")
    except ValidationError as exc:
        for m in errors_text(exc):
            messages.error(request, m)
        return _booking_page(request, booking, status=INVALID)
    messages.success(request, "已登记。")
    return redirect("services:booking", booking_id=booking.pk)


@login_required
@require_POST
def booking_feedback(request: AuthedRequest, booking_id: int) -> HttpResponse:
    booking = selectors.booking_get_for_actor(actor=request.user, pk=booking_id, for_write=True)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            actions.booking_feedback(
                actor=request.user, booking=booking, rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "谢谢您的评价。")
            return redirect("services:booking", booking_id=booking.pk)
    return _booking_page(request, booking, feedback=form, status=INVALID)


@login_required
@require_GET
def provider_home(request: AuthedRequest) -> HttpResponse:
    profiles = selectors.providers_of_user(request.user)
    if not profiles:
        raise Http404("您不是服务中心的咨询师或律师。")
    today = timezone.localdate()
    bookings = list(
        selectors.bookings_for_provider_user(request.user, first=today - dt.timedelta(days=7))[:300]
    )
    now = timezone.now()
    return render(
        request,
        "services/provider_home.html",
        {
            "profiles": profiles,
            "upcoming": [b for b in bookings if b.ends_at > now and b.status == Booking.Status.BOOKED],
            "to_mark": [b for b in bookings if b.starts_at <= now and b.status == Booking.Status.BOOKED],
            "done": [b for b in bookings if b.status != Booking.Status.BOOKED][-20:],
            "threads": selectors.threads_for_user(request.user)["provider"][:20],
        },
    )


# ---------------------------------------------------------------------------- consultation


@login_required
@require_GET
def thread_list(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "services/threads.html",
        {
            "threads": selectors.threads_for_user(request.user),
            "is_member": selectors.own_member(request.user) is not None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request: AuthedRequest) -> HttpResponse:
    member = selectors.own_member(request.user)
    if member is None:
        return render(request, "services/me.html", {"member": None}, status=403)
    providers = selectors.providers_for_member(member)
    choices = [(p.pk, f"{p.name}（{p.get_kind_display()}，{p.centre.name}）") for p in providers]
    initial = {"provider": int_param(request, "provider")}
    form = ThreadForm(request.POST or None, providers=choices, initial=initial)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                provider = selectors.provider_get_for_member(member=member, pk=form.cleaned_data["provider"])
                thread = actions.thread_start(
                    actor=request.user, provider=provider, subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已发送，咨询师回复后可在“我的咨询”中查看。")
                return redirect("services:thread", thread_id=thread.pk)
    return render(request, "services/thread_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request: AuthedRequest, thread_id: int) -> HttpResponse:
    opened = actions.consultation_open(actor=request.user, pk=thread_id)
    form = ReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                actions.thread_post(actor=request.user, thread=opened.thread, body=form.cleaned_data["body"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                return redirect("services:thread", thread_id=thread_id)
    return render(
        request,
        "services/thread.html",
        {"t": opened.thread, "role": opened.role, "items": opened.messages, "form": form},
        status=status,
    )


@login_required
@require_POST
def thread_close(request: AuthedRequest, thread_id: int) -> HttpResponse:
    opened = actions.consultation_open(actor=request.user, pk=thread_id)
    try:
        actions.thread_close(actor=request.user, thread=opened.thread)
    except ValidationError as exc:
        for m in errors_text(exc):
            messages.error(request, m)
    else:
        messages.success(request, "咨询已结束。")
    return redirect("services:thread", thread_id=thread_id)


# ------------------------------------------------------------------------------- knowledge


@login_required
@require_GET
def knowledge_list(request: AuthedRequest) -> HttpResponse:
    return render(
        request, "services/knowledge.html", {"articles": selectors.articles_for_reader(request.user)}
    )


@login_required
@require_GET
def knowledge_detail(request: AuthedRequest, knowledge_id: int) -> HttpResponse:
    article = selectors.article_get_for_actor(actor=request.user, pk=knowledge_id)
    from gonghui.kernel import scope

    return render(
        request,
        "services/article.html",
        {"a": article, "can_edit": scope.can(request.user, "edit", article.centre.org)},
    )
