"""Online consultation threads and knowledge articles.

A thread's content is for the member, the provider and the centre's supervisor only. Reading it
goes through `consultation_open`, which refuses everyone else and audits every supervisor read.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.kernel.audit import audit

from ..models import Article, Centre, Message, Provider, Thread
from ..selectors import own_member, serves, thread_get_for_actor, thread_role
from ._common import require, text

MAX_BODY = 2000


def _body(value: str) -> str:
    body = (value or "").strip()
    if not body:
        raise ValidationError({"body": "请填写留言内容。"})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": f"留言不能超过{MAX_BODY}字。"})
    return body


@dataclass(frozen=True)
class OpenThread:
    thread: Thread
    role: str
    messages: list[Message]


@transaction.atomic
def consultation_open(*, actor: User, pk: int) -> OpenThread:
    """The thread with its messages for its member, provider or supervisor (404 for anyone
    else). A supervisor's read leaves an audit row."""
    thread, role = thread_get_for_actor(actor=actor, pk=pk)
    if role == "supervisor":
        audit(actor=actor, action="consultation.supervisor_read", obj=thread, org=thread.centre.org,
              detail={"provider": thread.provider.name})  # fmt: skip
    return OpenThread(
        thread, role, list(thread.messages.select_related("author").order_by("created_at", "id"))
    )


@transaction.atomic
def thread_start(*, actor: User, provider: Provider, subject: str, body: str) -> Thread:
    """A member writes to a counsellor or lawyer of a centre that serves them."""
    member = own_member(actor)
    if member is None:
        raise PermissionDenied("只有已关联会员身份的职工可以发起在线咨询。")
    centre = provider.centre
    if not (provider.active and centre.active and serves(centre, member.org)):
        raise ValidationError({"provider": "该咨询师不为您所在的工会提供服务。"})
    try:
        clean_subject = text(subject, label="主题", max_length=100)
    except ValueError as exc:
        raise ValidationError({"subject": str(exc)}) from exc
    clean_body = _body(body)
    now = timezone.now()
    thread = Thread.objects.create(
        centre=centre, provider=provider, member=member, subject=clean_subject, last_at=now
    )
    Message.objects.create(thread=thread, author=actor, body=clean_body)
    audit(
        actor=actor,
        action="consultation.start",
        obj=thread,
        org=centre.org,
        detail={"provider": provider.name},
    )
    return thread


@transaction.atomic
def thread_post(*, actor: User, thread: Thread, body: str) -> Message:
    thread = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("centre__org", "provider")
        .get(pk=thread.pk)
    )
    role = thread_role(actor, thread)
    if role not in {"member", "provider"}:
        raise PermissionDenied("只有咨询的会员和咨询师可以留言。")
    if thread.status != Thread.Status.OPEN:
        raise ValidationError({"body": "该咨询已结束，请发起新的咨询。"})
    message = Message.objects.create(
        thread=thread, author=actor, body=_body(body), from_provider=role == "provider"
    )
    thread.last_at = message.created_at
    thread.save(update_fields=["last_at"])
    audit(actor=actor, action="consultation.post", obj=thread, org=thread.centre.org, detail={"from": role})
    return message


@transaction.atomic
def thread_close(*, actor: User, thread: Thread) -> Thread:
    thread = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("centre__org", "provider")
        .get(pk=thread.pk)
    )
    if thread_role(actor, thread) not in {"member", "provider"}:
        raise PermissionDenied("只有咨询的会员和咨询师可以结束咨询。")
    if thread.status == Thread.Status.CLOSED:
        raise ValidationError("该咨询已经结束。")
    thread.status = Thread.Status.CLOSED
    thread.save(update_fields=["status"])
    audit(actor=actor, action="consultation.close", obj=thread, org=thread.centre.org)
    return thread


# ------------------------------------------------------------------------------ knowledge


def _article_values(category: str, title: str, body: str) -> tuple[str, str]:
    errors: dict[str, str] = {}
    if category not in Article.Category.values:
        errors["category"] = "请选择栏目。"
    clean_title = ""
    try:
        clean_title = text(title, label="标题", max_length=100)
    except ValueError as exc:
        errors["title"] = str(exc)
    clean_body = (body or "").strip()
    if not clean_body:
        errors["body"] = "请填写正文。"
    if errors:
        raise ValidationError(errors)
    return clean_title, clean_body


@transaction.atomic
def article_create(
    *, actor: User | None, centre: Centre, category: str, title: str, body: str, publish: bool = False
) -> Article:
    require(actor, "edit", centre.org)
    clean_title, clean_body = _article_values(category, title, body)
    article = Article.objects.create(
        centre=centre, category=category, title=clean_title, body=clean_body, published=publish,
        published_at=timezone.now() if publish else None,
        author=actor if actor is not None and actor.is_authenticated else None,
    )  # fmt: skip
    audit(
        actor=actor,
        action="article.create",
        obj=article,
        org=centre.org,
        detail={"name": clean_title, "published": publish},
    )
    return article


@transaction.atomic
def article_update(
    *, actor: User | None, article: Article, category: str, title: str, body: str, publish: bool
) -> Article:
    require(actor, "edit", article.centre.org)
    clean_title, clean_body = _article_values(category, title, body)
    before = {"name": article.title, "published": article.published}
    article.category, article.title, article.body = category, clean_title, clean_body
    if publish and not article.published:
        article.published_at = timezone.now()
    article.published = publish
    article.save()
    audit(
        actor=actor, action="article.update", obj=article, org=article.centre.org,
        detail={"before": before, "after": {"name": clean_title, "published": publish}},
    )  # fmt: skip
    return article
