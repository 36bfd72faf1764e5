"""Consultation threads (member, provider and supervisor only) and knowledge articles."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from gonghui.kernel import scope

from ..models import Article, Centre, Message, Thread
from ._common import NOT_FOUND, member_or_provider, own_member, serves, user_pk
from .centres import centre_supervisor, centres_for_member, providers_of_user, supervisors_counselling


def thread_role(actor: Any, thread: Thread) -> str | None:
    """member, provider or supervisor (the centre's, while they counsel at its union); None for
    everyone else (province admins included)."""
    party = member_or_provider(actor, thread)
    uid = user_pk(actor)
    if party is not None or uid is None:
        return party
    if thread.centre.supervisor_id == uid and centre_supervisor(thread.centre) is not None:
        return "supervisor"
    return None


def thread_get_for_actor(*, actor: Any, pk: int) -> tuple[Thread, str]:
    """The thread and the actor's role in it; a 404 for anyone else, as if it did not exist.
    A supervisor's read must be recorded: `actions.consultation_open` does both."""
    thread = (
        Thread.objects.select_related("centre__org", "centre__supervisor", "provider", "member")
        .filter(pk=pk)
        .first()
    )
    role = thread_role(actor, thread) if thread is not None else None
    if thread is None or role is None:
        raise Http404(NOT_FOUND)
    return thread, role


def threads_for_user(user: Any) -> dict[str, list[Thread]]:
    """The user's threads as member, as provider and as supervisor."""
    uid = user_pk(user)
    out: dict[str, list[Thread]] = {"member": [], "provider": [], "supervisor": []}
    if uid is None:
        return out
    base = Thread.objects.select_related("centre", "provider", "member").order_by("-last_at", "-id")
    mine = own_member(user)
    if mine is not None:
        out["member"] = list(base.filter(member=mine)[:200])
    out["provider"] = list(base.filter(provider__user_id=uid)[:200])
    supervised = supervisors_counselling(Centre.objects.filter(supervisor_id=uid))
    out["supervisor"] = list(base.filter(centre__in=supervised)[:200])
    return out


def threads_awaiting_reply_count(user: Any) -> int:
    """Open consultations of the provider whose last word is the member's."""
    uid = user_pk(user)
    if uid is None:
        return 0
    last_from_provider = Subquery(
        Message.objects.filter(thread=OuterRef("pk"))
        .order_by("-created_at", "-id")
        .values("from_provider")[:1]
    )
    return (
        Thread.objects.filter(provider__user_id=uid, status=Thread.Status.OPEN)
        .annotate(answered=last_from_provider)
        .filter(answered=False)
        .count()
    )


def article_get_for_actor(*, actor: Any, pk: int, for_write: bool = False) -> Article:
    """Officers of the centre's union read (and edit) every article; the workers it serves
    and its providers read the published ones."""
    article = Article.objects.select_related("centre__org").filter(pk=pk).first()
    if article is None:
        raise Http404(NOT_FOUND)
    if scope.can(actor, "edit" if for_write else "view", article.centre.org):
        return article
    if not for_write and article.published and _reader_of(actor, article.centre):
        return article
    raise PermissionDenied("无权查看该文章。")


def _reader_of(actor: Any, centre: Centre) -> bool:
    mine = own_member(actor)
    if mine is not None and serves(centre, mine.org):
        return True
    return any(p.centre_id == centre.pk for p in providers_of_user(actor))


def articles_for_reader(actor: Any) -> list[Article]:
    """Published articles of the centres serving the worker (or where the provider works)."""
    centres = {c.pk for c in centres_for_member(m)} if (m := own_member(actor)) is not None else set()
    centres |= {p.centre_id for p in providers_of_user(actor)}
    return list(Article.objects.filter(centre_id__in=centres, published=True).select_related("centre")[:200])


def articles_for_actor(*, actor: Any, centre: Centre) -> QuerySet[Article]:
    scope.require(actor, "view", centre.org)
    return Article.objects.filter(centre=centre).order_by("-published", "-published_at", "-id")
