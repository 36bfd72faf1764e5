"""Pages for workers (on their phones) and for providers: booking, my bookings, consultation
threads, knowledge articles. Each view parses, calls one action or selector, renders."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import web
from gonghui.kernel.errors import Refused
from gonghui.kernel.web import AuthedRequest

from .. import actions, selectors
from ..abilities import article_abilities, booking_abilities, thread_abilities, worker_abilities
from ..forms import BookForm, CancelForm, FeedbackForm, ReplyForm, ThreadForm
from ..models import Booking, Provider


@login_required
@require_GET
def member_home(request: AuthedRequest) -> HttpResponse:
    me = worker_abilities(request.user)
    member = selectors.own_member(request.user)
    if member is None:
        if me.provide:
            return redirect("services:provider_home")
        return render(request, "services/me.html", {"member": None, "me": me})
    upcoming, past = selectors.member_sessions(member)
    return render(
        request,
        "services/me.html",
        {
            "me": me,
            "member": member,
            "upcoming": upcoming,
            "past": past,
            "centres": selectors.centres_for_member(member),
            "threads": selectors.threads_for_user(request.user)["member"][:10],
        },
    )


def _slot_days(provider: Provider) -> list[tuple[Any, list[Any]]]:
    slots = selectors.bookable_slots(provider)
    return [(day, list(g)) for day, g in groupby(slots, key=lambda s: timezone.localtime(s.starts_at).date())]


@login_required
@require_http_methods(["GET", "POST"])
def book(request: AuthedRequest) -> HttpResponse:
    """Choose a provider, a service and a free slot; POST books it."""
    me = worker_abilities(request.user)
    me.require("book", gettext("只有会籍正常的会员可以预约咨询。"))
    member = selectors.own_member(request.user)
    assert member is not None  # `book` says so
    context: dict[str, Any] = {
        "me": me,
        "member": member,
        "providers": selectors.providers_for_member(member),
    }
    pid = web.int_param(request, "provider") or web.post_int(request, "provider")
    if pid:
        provider = selectors.provider_get_for_member(member=member, pk=pid)
        services = list(provider.services.filter(active=True))
        sid = web.int_param(request, "service")
        service = next((s for s in services if s.pk == sid), services[0] if len(services) == 1 else None)
        context.update(
            {
                "provider": provider, "services": services, "service": service, "days": _slot_days(provider),
                "window": selectors.BOOKING_WINDOW_DAYS,
            }
        )  # fmt: skip

    def act(d: dict[str, Any]) -> Booking:
        provider = selectors.provider_get_for_member(member=member, pk=d["provider"])
        service = selectors.service_of_provider(provider=provider, pk=d["service"])
        if service is None:
            raise Refused({"service": gettext("请选择服务项目。")})
        return actions.booking_create(
            actor=request.user, member=member, provider=provider, service=service, starts_at=d["starts_at"],
            note=d["note"],
        )  # fmt: skip

    return web.submit(
        request,
        BookForm(web.posted(request)),
        act=act,
        done=lambda b: redirect("services:booking", booking_id=b.pk),
        message=gettext("预约成功，我们会在咨询前一天提醒您。"),
        template="services/book.html",
        context=context,
    )


def _back(request: AuthedRequest, booking: Booking) -> tuple[str, str]:
    """Where the page leads back to: the member's and the provider's own pages, else the calendar."""
    relation = selectors.booking_relation(request.user, booking)
    if relation == "member":
        return reverse("services:me"), _("我的服务")
    if relation == "provider":
        return reverse("services:provider_home"), _("我的咨询预约")
    day = timezone.localtime(booking.starts_at).date()
    return f"{reverse('services:bookings')}?centre={booking.centre_id}&day={day:%Y-%m-%d}", _("预约日历")


def _booking_context(request: AuthedRequest, booking: Booking, **forms: Any) -> dict[str, Any]:
    """The booking page: the booking, what this person may do with it, and its forms."""
    back, back_label = _back(request, booking)
    return {
        "b": booking, "ab": booking_abilities(request.user, booking), "back": back, "back_label": back_label,
        "names_member": selectors.booking_relation(request.user, booking) != "member",
        "cancel_form": forms.get("cancel") or CancelForm(), "feedback_form": forms.get("feedback") or FeedbackForm(),
    }  # fmt: skip


def _booking_page(request: AuthedRequest, booking: Booking) -> HttpResponse:
    return render(request, "services/booking.html", _booking_context(request, booking))


booking_detail = web.record_page(selectors.booking_get_for_actor, _booking_page)


@login_required
@require_POST
def booking_cancel(request: AuthedRequest, booking_id: int) -> HttpResponse:
    booking = selectors.booking_get_for_actor(actor=request.user, pk=booking_id)
    form = CancelForm(web.posted(request))
    return web.submit(
        request,
        form,
        act=lambda d: actions.booking_cancel(actor=request.user, booking=booking, reason=d["reason"]),
        done=lambda b: redirect("services:booking", booking_id=b.pk),
        message=gettext("预约已取消，该时段已释放。"),
        template="services/booking.html",
        context=_booking_context(request, booking, cancel=form),
    )


@login_required
@require_POST
def booking_mark(request: AuthedRequest, booking_id: int) -> HttpResponse:
    booking = selectors.booking_get_for_actor(actor=request.user, pk=booking_id)

    def act() -> Booking:
        outcome = request.POST.get("outcome", "")
        if outcome not in {"attended", "no_show"}:
            raise Refused(gettext("请选择到访或爽约。"))
        return actions.booking_mark(actor=request.user, booking=booking, attended=outcome == "attended")

    return web.step(
        request,
        act=act,
        done=lambda b: redirect("services:booking", booking_id=b.pk),
        refused=lambda: _booking_page(request, booking),
        message=gettext("已登记。"),
    )


@login_required
@require_POST
def booking_feedback(request: AuthedRequest, booking_id: int) -> HttpResponse:
    booking = selectors.booking_get_for_actor(actor=request.user, pk=booking_id)
    form = FeedbackForm(web.posted(request))
    return web.submit(
        request,
        form,
        act=lambda d: actions.booking_feedback(
            actor=request.user, booking=booking, rating=d["rating"], comment=d["comment"]
        ),
        done=lambda b: redirect("services:booking", booking_id=b.pk),
        message=gettext("谢谢您的评价。"),
        template="services/booking.html",
        context=_booking_context(request, booking, feedback=form),
    )


@login_required
@require_GET
def provider_home(request: AuthedRequest) -> HttpResponse:
    profiles = selectors.providers_of_user(request.user)
    if not profiles:
        raise Http404("您不是服务中心的咨询师或律师。")
    return render(
        request,
        "services/provider_home.html",
        {
            "profiles": profiles,
            "day": selectors.provider_sessions(request.user),
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
        {"threads": selectors.threads_for_user(request.user), "me": worker_abilities(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request: AuthedRequest) -> HttpResponse:
    me = worker_abilities(request.user)
    me.require("ask", gettext("只有已关联会员身份的职工可以发起在线咨询。"))
    member = selectors.own_member(request.user)
    assert member is not None  # `ask` says so
    providers = selectors.providers_for_member(member)
    choices = [(p.pk, f"{p.name}（{p.get_kind_display()}，{p.centre.name}）") for p in providers]
    form = ThreadForm(
        web.posted(request), providers=choices, initial={"provider": web.int_param(request, "provider")}
    )

    def act(d: dict[str, Any]) -> Any:
        provider = selectors.provider_get_for_member(member=member, pk=d["provider"])
        return actions.thread_start(
            actor=request.user, provider=provider, subject=d["subject"], body=d["body"]
        )

    return web.submit(
        request,
        form,
        act=act,
        done=lambda t: redirect("services:thread", thread_id=t.pk),
        message=gettext("已发送，咨询师回复后可在“我的咨询”中查看。"),
        template="services/thread_new.html",
        context={"me": me},
    )


def _thread_context(request: AuthedRequest, opened: actions.OpenThread) -> dict[str, Any]:
    return {
        "t": opened.thread,
        "opened": opened,
        "items": opened.messages,
        "ab": thread_abilities(request.user, opened.thread),
    }


@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request: AuthedRequest, thread_id: int) -> HttpResponse:
    opened = actions.consultation_open(actor=request.user, pk=thread_id)
    return web.submit(
        request,
        ReplyForm(web.posted(request)),
        act=lambda d: actions.thread_post(actor=request.user, thread=opened.thread, body=d["body"]),
        done=lambda _m: redirect("services:thread", thread_id=thread_id),
        template="services/thread.html",
        context=_thread_context(request, opened),
    )


@login_required
@require_POST
def thread_close(request: AuthedRequest, thread_id: int) -> HttpResponse:
    thread, _role = selectors.thread_get_for_actor(actor=request.user, pk=thread_id)

    def refused() -> HttpResponse:
        opened = actions.consultation_open(actor=request.user, pk=thread_id)
        return render(
            request, "services/thread.html", {**_thread_context(request, opened), "form": ReplyForm()}
        )

    return web.step(
        request,
        act=lambda: actions.thread_close(actor=request.user, thread=thread),
        done=lambda _t: redirect("services:thread", thread_id=thread_id),
        refused=refused,
        message=gettext("咨询已结束。"),
    )


# ------------------------------------------------------------------------------- knowledge


@login_required
@require_GET
def knowledge_list(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "services/knowledge.html",
        {"articles": selectors.articles_for_reader(request.user), "me": worker_abilities(request.user)},
    )


@login_required
@require_GET
def knowledge_detail(request: AuthedRequest, knowledge_id: int) -> HttpResponse:
    article = selectors.article_get_for_actor(actor=request.user, pk=knowledge_id)
    return render(
        request, "services/article.html", {"a": article, "ab": article_abilities(request.user, article)}
    )
