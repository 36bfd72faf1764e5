"""The REST API (OpenAPI 3 at /api/docs), on the same selectors and actions as the pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import django_auth

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


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        detail = "；".join(m for msgs in errors.values() for m in msgs)
    else:
        errors = {}
        detail = "；".join(exc.messages)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def _register() -> None:
    from gonghui.assistance.api import router as assistance_router
    from gonghui.bulletin.api import router as bulletin_router
    from gonghui.common.api import router as audit_router
    from gonghui.meetings.api import router as meetings_router
    from gonghui.members.api import router as members_router
    from gonghui.orgs.api import router as orgs_router
    from gonghui.services.api import router as services_router
    from gonghui.units.api import router as units_router

    api.add_router("/orgs", orgs_router)
    api.add_router("/members", members_router)
    api.add_router("/units", units_router)
    api.add_router("/bulletin", bulletin_router)
    api.add_router("/assistance", assistance_router)
    api.add_router("/meetings", meetings_router)
    api.add_router("/services", services_router)
    api.add_router("/audit", audit_router)


_register()
