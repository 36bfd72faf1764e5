"""The REST API (OpenAPI 3 at /api/docs), on the same selectors and actions as the pages; every
module's router comes from its module.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import django_auth

from gonghui.kernel.errors import NotFound
from gonghui.kernel.registry import registry

api = NinjaAPI(
    title="工会工作平台 API",
    version="1",
    description="gonghui REST API. 所有接口按调用者的管辖范围（组织子树）返回和修改数据。",
    auth=django_auth,
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "无权访问"}, status=403)


@api.exception_handler(NotFound)
def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "记录不存在"}, status=404)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        detail = "；".join(m for msgs in errors.values() for m in msgs)
    else:
        errors = {}
        detail = "；".join(exc.messages)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


for prefix, router in registry.routers():
    api.add_router(prefix, router)
