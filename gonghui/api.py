"""The REST API (OpenAPI 3 at /api/docs), on the same selectors and actions as the pages; every
module's router comes from its module.py.

Every refusal answers in the same shape, in Chinese: `{"detail": "…", "errors": {field: [...]}}`,
whether the action refused the input (422), the request did not match the schema (422) or its
body could not be read at all (400).
"""

from __future__ import annotations

from typing import Any

import ninja.errors
import ninja.parser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import URLPattern, include, path
from django.urls.resolvers import RoutePattern
from django.utils.datastructures import MultiValueDict
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.security import django_auth

from gonghui.kernel.errors import NotFound, Refused
from gonghui.kernel.registry import registry

NUL = "\x00"


def refuse_nul(value: Any, where: str) -> None:
    """Refuse the NUL character anywhere in a request's values: nobody types it, and PostgreSQL
    cannot keep it in text (a search for it would fail there instead of finding nothing)."""
    if isinstance(value, str):
        if NUL in value:
            message = f"「{where or '请求内容'}」含有不可见的控制字符（U+0000），请删除后重试。"
            raise Refused({where or "__all__": message})
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_nul(str(key), where)
            refuse_nul(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for item in value:
            refuse_nul(item, where)


class Parser(ninja.parser.Parser):
    """ninja's JSON and query string reading, with `refuse_nul`."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        refuse_nul(data, "")
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        values = super().parse_querydict(data, list_fields, request)
        refuse_nul(values, "")
        return values


api = NinjaAPI(
    title="工会工作平台 API",
    version="1",
    description="gonghui REST API. 所有接口按调用者的管辖范围（组织子树）返回和修改数据。",
    auth=django_auth,
    urls_namespace="api",
    parser=Parser(),
)

UNREADABLE = (
    "请求内容无法读取：JSON 接口应发送 application/json，文件上传应发送带 boundary 的 multipart/form-data。"
)
# ninja's own refusals, said in Chinese.
HTTP_ERRORS = {
    "Cannot parse request body": UNREADABLE,
    "Unauthorized": "请先登录。",
    "CSRF check Failed": "CSRF 校验失败：请带上 csrftoken（X-CSRFToken 请求头）后重试。",
    "Forbidden": "无权访问",
    "Too many requests.": "请求过于频繁，请稍后再试。",
}


def refusal(request: HttpRequest, errors: dict[str, list[str]], *, status: int = 422) -> HttpResponse:
    detail = "；".join(m for msgs in errors.values() for m in msgs)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=status)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "无权访问"}, status=403)


@api.exception_handler(NotFound)
def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "记录不存在"}, status=404)


@api.exception_handler(Http404)
def http_404(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "记录不存在"}, status=404)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        return refusal(request, errors)
    return api.create_response(request, {"detail": "；".join(exc.messages), "errors": {}}, status=422)


@api.exception_handler(ninja.errors.ValidationError)
def schema_mismatch(request: HttpRequest, exc: ninja.errors.ValidationError) -> HttpResponse:
    """The request does not match the operation's schema: said per field, in Chinese."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        field, message = schema_message(error)
        errors.setdefault(field, []).append(message)
    return refusal(request, errors)


@api.exception_handler(ninja.errors.HttpError)
def http_error(request: HttpRequest, exc: ninja.errors.HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, ValidationError):  # the body was read, and refused (`refuse_nul`)
        return validation_error(request, exc.__cause__)
    detail = HTTP_ERRORS.get(exc.message, exc.message)
    return api.create_response(request, {"detail": detail, "errors": {}}, status=exc.status_code)


@api.exception_handler(MultiPartParserError)
def unreadable_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    return api.create_response(request, {"detail": UNREADABLE, "errors": {}}, status=400)


def api_urls() -> tuple[list[Any], str, str]:
    """The API's addresses for the project's URLconf, under one include per first segment (its
    module). Django tries an address against the routes in order and keeps the list of every route
    it tried, even when one matches: with the API's two hundred routes in one list, /api/portal/me
    was tried against 193 first (7 % of the call's Python function calls); grouped, an address is
    tried against its own module's routes."""
    patterns, app_name, namespace = api.urls
    groups: dict[str, list[Any]] = {}
    alone: list[Any] = []
    for p in patterns:
        head, slash, tail = str(p.pattern).partition("/")
        if isinstance(p, URLPattern) and isinstance(p.pattern, RoutePattern) and slash and "<" not in head:
            groups.setdefault(head, []).append(path(tail, p.callback, p.default_args, p.name))
        else:
            alone.append(p)
    grouped = [path(f"{head}/", include(routes)) for head, routes in groups.items()]
    return [*alone, *grouped], app_name, namespace


@csrf_exempt
def unknown_path(request: HttpRequest, rest: str = "") -> HttpResponse:
    """An address under /api/ that is no operation: 404 in the API's shape, not the 404 page."""
    return JsonResponse({"detail": "没有这个接口，请查看 /api/docs 中的接口列表。", "errors": {}}, status=404)


def schema_message(error: dict[str, Any]) -> tuple[str, str]:
    """The field and a Chinese message for one pydantic error of a request."""
    # ninja's location: where it was sent (query, path, form, body), then for a body the name of
    # the handler's parameter, then the field.
    loc = [str(p) for p in error.get("loc", ())]
    loc = loc[2:] if loc[:1] == ["body"] else loc[1:]
    field = ".".join(loc) or "__all__"
    name = f"「{field}」" if loc else "请求内容"
    ctx = error.get("ctx") or {}
    kind = str(error.get("type", ""))
    if kind == "json_invalid":
        return field, "请求内容不是有效的 JSON。"
    if kind == "missing":
        return field, f"请填写{name}。"
    for prefix, what in _KINDS:
        if kind.startswith(prefix):
            return field, name + what.format_map(_Context(ctx))
    return field, f"{name}的值无效。"


class _Context(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "…"


_KINDS = (
    ("string_too_long", "不能超过{max_length}个字。"),
    ("string_too_short", "至少{min_length}个字。"),
    ("string", "应为文字。"),
    ("int", "应为整数。"),
    ("finite_number", "应为有限的数。"),
    ("decimal_max_places", "最多保留{decimal_places}位小数。"),
    ("decimal", "应为数，如 600 或 1200.50。"),
    ("float", "应为数，如 600 或 1200.50。"),
    ("greater_than_equal", "不能小于{ge}。"),
    ("greater_than", "应大于{gt}。"),
    ("less_than_equal", "不能大于{le}。"),
    ("less_than", "应小于{lt}。"),
    ("bool", "应为 true 或 false。"),
    ("datetime", "应为日期时间，如 2026-03-01T09:30:00。"),
    ("date", "应为日期，如 2026-03-01。"),
    ("time", "应为时间，如 09:30。"),
    ("too_long", "最多{max_length}项。"),
    ("too_short", "至少{min_length}项。"),
    ("list", "应为列表。"),
    ("set", "应为列表。"),
    ("tuple", "应为列表。"),
    ("dict", "应为对象。"),
    ("model", "应为对象。"),
    ("literal_error", "应为以下之一：{expected}。"),
    ("enum", "应为以下之一：{expected}。"),
)


for prefix, router in registry.routers():
    api.add_router(prefix, router)
