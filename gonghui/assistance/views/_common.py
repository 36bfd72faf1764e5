from __future__ import annotations

from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from gonghui.kernel.web import int_param
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs.models import Org

from .. import selectors

# A form that does not pass is shown again with 422, so that no refused write answers 200.
INVALID = 422


def org_param(request: HttpRequest, name: str = "org", perm: str = "view") -> Org | None:
    pk = int_param(request, name)
    return None if pk is None else org_selectors.org_get_for_actor(actor=request.user, pk=pk, perm=perm)


def org_or_default(request: HttpRequest, perm: str = "view", name: str = "org") -> Org:
    org = org_param(request, name, perm) or selectors.default_org_for_actor(actor=request.user, perm=perm)
    if org is None:
        raise PermissionDenied("您没有可以办理困难职工帮扶的工会。")
    return org


def disposition(name: str) -> str:
    ext = name.rsplit(".", 1)[-1]
    return f"attachment; filename=\"export.{ext}\"; filename*=UTF-8''{quote(name)}"


def stamp() -> str:
    return f"{timezone.localtime():%Y%m%d_%H%M}"


def year_param(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year
