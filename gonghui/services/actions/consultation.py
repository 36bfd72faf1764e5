"""Online consultation threads and knowledge articles.

A thread's content is for the member, the provider and the centre's supervisor only. Reading it
goes through `consultation_open`, which refuses everyone else and audits every supervisor read.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action, step_action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused

from ..models import Article, Centre, Message, Provider, Thread
from ..selectors import centre_supervisor, own_member, serves, thread_get_for_actor
from ..workflow import THREAD, party_to, provider_of
from ._common import Errors, gather, person, refuse

MAX_BODY = 2000


def _body(value: str) -> str:
    return cleaning.body(value, field="body", label="留言内容", max_length=MAX_BODY)


@dataclass(frozen=True)
class OpenThread:
    thread: Thread
    role: str  # member, provider or supervisor
    messages: list[Message]
    supervisor: User | None  # who else reads it: the centre's supervisor, shown to the member

    @property
    def supervisor_name(self) -> str | None:
        return self.supervisor.display_name if self.supervisor is not None else None

    @property
    def audited(self) -> bool:
        """The supervisor's read: recorded in the audit log, and the page says so."""
        return self.role == "supervisor"

    @property
    def names_member(self) -> bool:
        """Whether the page names the member (to the provider and the supervisor)."""
        return self.role != "member"


@action
def consultation_open(*, actor: User, pk: int) -> OpenThread:
    """The thread with its messages for its member, provider or supervisor (404 for anyone
    else), and who supervises it. A supervisor's read leaves an audit row."""
    thread, role = thread_get_for_actor(actor=actor, pk=pk)
    if role == "supervisor":
        audit(actor=actor, action="consultation.supervisor_read", obj=thread, org=thread.centre.org,
              detail={"provider": thread.provider.name})  # fmt: skip
    return OpenThread(
        thread, role, list(thread.messages.select_related("author").order_by("created_at", "id")),
        centre_supervisor(thread.centre),
    )  # fmt: skip


@action
def thread_start(*, actor: User, provider: Provider, subject: str, body: str) -> Thread:
    """A member writes to a counsellor or lawyer of a centre that serves them."""
    member = own_member(actor)
    if member is None:
        raise PermissionDenied("只有已关联会员身份的职工可以发起在线咨询。")
    centre = provider.centre
    if not (provider.active and centre.active and serves(centre, member.org)):
        raise Refused({"provider": gettext("该咨询师不为您所在的工会提供服务。")})
    errors: Errors = {}
    clean_subject = gather(errors, cleaning.text, subject, field="subject", label="主题", max_length=100)
    clean_body = gather(errors, _body, body)
    if errors:
        raise Refused(errors)
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


def _locked(thread: Thread) -> Thread:
    return (
        Thread.objects.select_for_update(of=("self",))
        .select_related("centre__org", "provider")
        .get(pk=thread.pk)
    )


@action
def thread_post(*, actor: User, thread: Thread, body: str) -> Message:
    """The member or the provider writes in an open consultation."""
    thread = _locked(thread)
    if not party_to(actor, thread):
        raise PermissionDenied("只有咨询的会员和咨询师可以留言。")
    if thread.ended:
        raise Refused({"body": gettext("该咨询已结束，请发起新的咨询。")})
    message = Message.objects.create(
        thread=thread, author=actor, body=_body(body), from_provider=provider_of(actor, thread)
    )
    thread.last_at = message.created_at
    thread.save(update_fields=["last_at"])
    role = "provider" if message.from_provider else "member"
    audit(actor=actor, action="consultation.post", obj=thread, org=thread.centre.org, detail={"from": role})
    return message


thread_close = step_action(
    THREAD, "close", record="thread", lock=_locked, doc="The member or the provider ends the consultation."
)


# ------------------------------------------------------------------------------ knowledge


def _article_values(category: str, title: str, body: str) -> tuple[str, str]:
    errors: Errors = {}
    if category not in Article.Category.values:
        refuse(errors, "category", "请选择栏目。")
    clean_title = gather(errors, cleaning.text, title, field="title", label="标题", max_length=100)
    # The body keeps its blank lines: they separate the article's paragraphs.
    clean_body = (body or "").strip()
    if not clean_body:
        refuse(errors, "body", "请填写正文。")
    if errors:
        raise Refused(errors)
    return clean_title, clean_body


@action
def article_create(
    *, actor: User | None, centre: Centre, category: str, title: str, body: str, publish: bool = False
) -> Article:
    scope.require(actor, "edit", centre.org)
    clean_title, clean_body = _article_values(category, title, body)
    article = Article.objects.create(
        centre=centre, category=category, title=clean_title, body=clean_body, published=publish,
        published_at=timezone.now() if publish else None,
        author=person(actor),
    )  # fmt: skip
    audit(
        actor=actor,
        action="article.create",
        obj=article,
        org=centre.org,
        detail={"name": clean_title, "published": publish},
    )
    return article


@action
def article_update(
    *, actor: User | None, article: Article, category: str, title: str, body: str, publish: bool
) -> Article:
    scope.require(actor, "edit", article.centre.org)
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
