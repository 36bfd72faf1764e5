from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.kernel.web import int_param
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs.models import Org

INVALID = 422


def org_param(request: HttpRequest, name: str, perm: str = "view") -> Org | None:
    pk = int_param(request, name)
    return None if pk is None else org_selectors.org_get_for_actor(actor=request.user, pk=pk, perm=perm)


def post_int(request: HttpRequest, name: str) -> int | None:
    """An id from a posted form; anything else is None."""
    raw = request.POST.get(name, "").strip()
    return int(raw) if raw.isdigit() else None


def user_by_username(username: str, *, field: str) -> User | None:
    name = (username or "").strip()
    if not name:
        return None
    user = User.objects.filter(username=name, is_active=True).first()
    if user is None:
        raise ValidationError({field: f"找不到用户名为「{name}」的账号。"})
    return user


def filename(stem: str, ext: str) -> str:
    return f"{stem}_{timezone.localtime():%Y%m%d_%H%M}.{ext}"


def disposition(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"export.{name.rsplit('.', 1)[-1]}\"; filename*=UTF-8''{quote(name)}"


def errors_text(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def form_page(title: str, form: Any, back: str, **extra: Any) -> dict[str, Any]:
    return {"title": title, "form": form, "back": back, **extra}
