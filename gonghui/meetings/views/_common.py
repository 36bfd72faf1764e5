from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest
from django.utils import timezone

from gonghui.kernel.web import int_param
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs.models import Org

INVALID = 422  # a refused form answers 422, never 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def org_param(request: HttpRequest, name: str, perm: str = "view") -> Org | None:
    pk = int_param(request, name)
    return None if pk is None else org_selectors.org_get_for_actor(actor=request.user, pk=pk, perm=perm)


def filename(stem: str, ext: str) -> str:
    return f"{stem}_{timezone.localtime():%Y%m%d_%H%M}.{ext}"


def disposition(name: str) -> str:
    return f"attachment; filename=\"export.{name.rsplit('.', 1)[-1]}\"; filename*=UTF-8''{quote(name)}"
