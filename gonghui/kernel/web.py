"""What every page shares: reading parameters, the one view skeleton, downloads.

A view parses input, calls one selector or action, and renders. The skeleton does the part that
is the same everywhere:

    def application_create(request, household_id):
        household = selectors.household_get_for_actor(actor=request.user, pk=household_id, perm="edit")
        form = ApplicationForm(posted(request))
        return submit(
            request, form,
            act=lambda data: actions.application_submit(actor=request.user, household=household, **data),
            done=lambda a: redirect("assistance:application_detail", application_id=a.pk),
            message=lambda a: f"申请已提交，由「{a.approver.name}」审批。",
            template="assistance/form.html", context={"title": "申请帮扶"},
        )

Refused input answers 422 with the message next to its field and nothing saved, on every page.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any, BinaryIO, Protocol, TypeVar

import annotated_types
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from . import cleaning, filetypes, scope
from .errors import joined

T = TypeVar("T")


class Outcome(Protocol):
    """What an importer returns: the rows it refused (none when the sheet was taken)."""

    @property
    def errors(self) -> Collection[Any]: ...


Out = TypeVar("Out", bound=Outcome)
R_co = TypeVar("R_co", covariant=True)
# A refused form or step answers 422, never 200: nothing was saved.
INVALID = 422
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"


# A record's id as the API receives it: a positive 64-bit number (no table holds a larger one, and
# a larger one would fail in the query instead of being refused).
RecordId = Annotated[int, annotated_types.Interval(ge=1, le=2**63 - 1)]


class AuthedRequest(HttpRequest):
    """The request of a view behind `login_required` (and of the API behind session auth)."""

    user: Any  # the signed-in user (settings.AUTH_USER_MODEL)


# ---- parameters ----------------------------------------------------------------------------


def int_param(request: HttpRequest, name: str) -> int | None:
    """An id from the query string; a malformed one is a 404, not a server error."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise Http404("参数无效")
    return int(raw)


def post_int(request: HttpRequest, name: str) -> int | None:
    """An id from a posted form; anything else is None."""
    raw = request.POST.get(name, "").strip()
    return int(raw) if raw.isdigit() and len(raw) <= 18 else None


def org_param(request: HttpRequest, name: str = "org", perm: str = "view", missing: str = "") -> Any:
    """The union named by `?name=<id>`, which the user must hold `perm` over; None when absent,
    or, given `missing`, a 404 saying it (a page that only works at a union chosen first)."""
    pk = int_param(request, name)
    if pk is None and missing:
        raise Http404(missing)
    return None if pk is None else scope.org_get(request.user, pk, perm)


def org_chosen(request: HttpRequest, name: str = "org", perm: str = "view", refusal: str = "") -> Any:
    """The union a page works in: the one `?name=<id>` names (the user must hold `perm` over it),
    else the first union where the user holds `perm` (see `first_org`)."""
    return org_param(request, name, perm) or first_org(request.user, perm, refusal)


def org_for(
    request: HttpRequest,
    abilities: Callable[[Any, Any], Any],
    doing: str,
    refusal: str,
    *,
    perm: str = "edit",
    name: str = "org",
) -> Any:
    """The union a form works in (`org_chosen`), when the person may do `doing` there
    (`abilities(user, union).require(doing)`): 403 before the form is shown otherwise, saying
    `refusal` when they hold `perm` over no union at all.

        org = web.org_for(request, meetings_abilities, "create_meeting", "您没有可以登记会议的工会。")
    """
    org = org_chosen(request, name, perm, refusal)
    abilities(request.user, org).require(doing)
    return org


def first_org(user: Any, perm: str = "view", refusal: str = "") -> Any:
    """The first union where the user holds `perm`: where a page starts when none is named. None
    when there is none, or, given a `refusal`, a 403 saying it."""
    root = scope.first_root(user, perm)
    if root is None and refusal:
        raise PermissionDenied(refusal)
    return root


def date_param(request: HttpRequest, name: str, default: dt.date | None = None) -> dt.date | None:
    """A date from the query string (YYYY-MM-DD); a malformed one counts as absent."""
    raw = request.GET.get(name, "").strip()
    try:
        return dt.date.fromisoformat(raw) if raw else default
    except ValueError:
        return default


def year_param(request: HttpRequest, name: str = "year", default: int | None = None) -> int:
    """A year from the query string within cleaning.YEAR_FIRST–YEAR_LAST; anything else is this
    year."""
    raw = request.GET.get(name, "").strip()
    if raw.isdigit() and cleaning.YEAR_FIRST <= int(raw) <= cleaning.YEAR_LAST:
        return int(raw)
    return default if default is not None else timezone.localdate().year


def choice_param(request: HttpRequest, name: str, choices: Iterable[Any]) -> str:
    """A value from the query string when it is one of `choices` (values or (value, label)
    pairs), else ""."""
    raw = request.GET.get(name, "").strip()
    values = {c[0] if isinstance(c, tuple | list) else c for c in choices}
    return raw if raw in values else ""


def next_query(request: HttpRequest, next_id: int | None, key: str = "before") -> str:
    """The query string of the next page of a keyset-paginated list ('' on the last page)."""
    if not next_id:
        return ""
    params = request.GET.copy()
    params[key] = str(next_id)
    return params.urlencode()


class Guard(Protocol[R_co]):
    def __call__(self, request: AuthedRequest, pk: int, doing: str = "", refusal: str = "") -> R_co: ...


def guarded(get: Callable[..., T], abilities: Callable[[Any, T], Any]) -> Guard[T]:
    """The record a page, a form or a step works on: `guard(request, pk, doing)` finds it for the
    person (`get(actor=, pk=)`) and, when `doing` is named, refuses with 403 (saying `refusal`,
    when given) before anything is shown unless the person may do that with it now
    (`abilities(user, record).require(doing)`).

        _meeting_for = web.guarded(selectors.meeting_get_for_actor, meeting_abilities)
        meeting = _meeting_for(request, meeting_id, "minutes")
    """

    def guard(request: AuthedRequest, pk: int, doing: str = "", refusal: str = "") -> T:
        record = get(actor=request.user, pk=pk)
        if doing:
            ab = abilities(request.user, record)
            if refusal:
                ab.require(doing, refusal)
            else:
                ab.require(doing)
        return record

    return guard


# ---- the view skeleton ---------------------------------------------------------------------


def posted(request: HttpRequest, *, files: bool = False) -> Any:
    """What a form is bound to: the POST data on a POST (even an empty one), else None (GET
    shows an empty form). Not `request.POST or None`: an empty POST would show no errors."""
    if request.method != "POST":
        return None
    return (request.POST, request.FILES) if files else request.POST


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show an action's refusal on the form: next to the field it names, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            visible = field in form.fields and not form.fields[field].widget.is_hidden
            form.add_error(field if visible else None, errors)
    else:
        form.add_error(None, exc)


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    act: Callable[[dict[str, Any]], T],
    done: Callable[[T], HttpResponse],
    template: str,
    context: Mapping[str, Any] | None = None,
    message: str | Callable[[T], str] = "",
) -> HttpResponse:
    """The one form skeleton. GET shows the form. POST: a valid form's cleaned data goes to the
    action; a refusal (the form's or the action's) shows the form again with 422, each message
    next to its field, nothing saved; success flashes `message` and returns `done(result)`."""
    status = 200
    if request.method == "POST":
        if not form.is_bound:
            raise ValueError("bind the form with web.posted(request)")
        status = INVALID
        if form.is_valid():
            try:
                result = act(form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                _said(request, message, result)
                return done(result)
    return render(request, template, {**(context or {}), "form": form}, status=status)


def sheet_import(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    act: Callable[[bytes, str], Out],
    done: Callable[[Out], HttpResponse],
    message: str | Callable[[Out], str],
    template: str,
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """The one import skeleton (a sheet is taken whole or not at all). GET shows the form. POST:
    the form's `file` goes to `act(data, filename)`; a refusal shows the form again with 422; an
    outcome with row errors (`outcome.errors`) is shown as `outcome` with 422, nothing saved; a
    clean one flashes `message` and returns `done(outcome)`."""
    page: dict[str, Any] = {**(context or {}), "form": form}
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                outcome = act(upload.read(), upload.name or "")
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if not outcome.errors:
                    _said(request, message, outcome)
                    return done(outcome)
                page["outcome"] = outcome
    return render(request, template, page, status=status)


def step(
    request: HttpRequest,
    *,
    act: Callable[[], T],
    done: Callable[[T], HttpResponse],
    refused: Callable[[], HttpResponse],
    message: str | Callable[[T], str] = "",
) -> HttpResponse:
    """The one button skeleton (a POST without a form page of its own): take the step; a refusal
    is flashed and `refused()` (usually the record's page) answers with 422; success flashes
    `message` and returns `done(result)`."""
    try:
        result = act()
    except ValidationError as exc:
        messages.error(request, joined(exc))
        response = refused()
        response.status_code = INVALID
        return response
    _said(request, message, result)
    return done(result)


def _said(request: HttpRequest, message: Any, result: Any) -> None:
    """Flash a success: a text (lazy ones included), or a function of the result."""
    text = message(result) if callable(message) else message
    if text:
        messages.success(request, str(text))


class Steps:
    """The button views of one record kind: each a POST that takes one action on the record, by
    the one `step` skeleton, and comes back to the record's page.

        _step = web.Steps(get=selectors.application_get_for_actor, record="application",
                          page=_detail, done=_to_detail)
        application_approve = _step(actions.application_approve, gettext_lazy("已批准。"))
        application_reject = _step(actions.application_reject, gettext_lazy("已不予批准。"),
                                   extra=lambda request, _a: {"reason": request.POST.get("reason", "")})

    `get(actor=, pk=)` finds the record for the person (the URL's one argument is its id);
    `page(request, record)` answers a refusal (the record read again: the refused action changed
    nothing); `done(record)` answers a success (a step may name its own); `message` is a text or
    a function of what the action returned (the record when it returns nothing); `extra(request,
    record)` gives the action's other keyword arguments; `perm` is what `get` asks of the person
    when a step needs more than seeing the record. `form` makes the views of the small forms on the
    record's page (`page(request, record, **{name: form})` shows a refused one)."""

    def __init__(
        self,
        *,
        get: Callable[..., Any],
        record: str,
        page: Callable[..., HttpResponse],
        done: Callable[[Any], HttpResponse],
    ) -> None:
        self.get, self.record, self.page, self.done = get, record, page, done

    def form(
        self,
        action: Callable[..., Any],
        form_class: type[forms.BaseForm],
        name: str,
        message: Any = "",
        *,
        perm: str = "",
    ) -> Callable[..., HttpResponse]:
        """A small form on the record's page: its cleaned data are the action's keyword
        arguments; a refusal (the form's or the action's) answers the page, given the form as
        `name`, with 422 and each message next to its field."""

        @login_required
        @require_POST
        def view(request: AuthedRequest, **kwargs: Any) -> HttpResponse:
            (pk,) = kwargs.values()
            record = self._get(request, pk, perm)
            form = form_class(posted(request))
            if form.is_valid():
                try:
                    action(actor=request.user, **{self.record: record}, **form.cleaned_data)
                except ValidationError as exc:
                    apply_errors(form, exc)
                else:
                    _said(request, message, record)
                    return self.done(record)
            response = self.page(request, record, **{name: form})
            response.status_code = INVALID
            return response

        return _named(view, action)

    def _get(self, request: AuthedRequest, pk: Any, perm: str) -> Any:
        return self.get(actor=request.user, pk=pk, perm=perm) if perm else self.get(actor=request.user, pk=pk)

    def __call__(
        self,
        action: Callable[..., Any],
        message: Any = "",
        *,
        extra: Callable[[Any, Any], Mapping[str, Any]] | None = None,
        done: Callable[[Any], HttpResponse] | None = None,
        perm: str = "",
    ) -> Callable[..., HttpResponse]:
        @login_required
        @require_POST
        def view(request: AuthedRequest, **kwargs: Any) -> HttpResponse:
            (pk,) = kwargs.values()
            record = self._get(request, pk, perm)
            more = extra(request, record) if extra else {}
            return step(
                request,
                act=lambda: action(actor=request.user, **{self.record: record}, **more),
                done=lambda _result: (done or self.done)(record),
                refused=lambda: self.page(request, self._get(request, pk, perm)),
                message=(lambda result: message(record if result is None else result))
                if callable(message)
                else message,
            )

        return _named(view, action)


def _named(view: Callable[..., HttpResponse], action: Callable[..., Any]) -> Callable[..., HttpResponse]:
    view.__name__ = view.__qualname__ = getattr(action, "__name__", "step")
    view.__doc__ = action.__doc__
    return view


def record_page(get: Callable[..., Any], page: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The GET view of one record's page: `get(actor=, pk=)` finds the record for the person (the
    URL's one argument is its id), `page(request, record)` shows it (the same `page` answers a
    refused step on it).

        signup_detail = web.record_page(selectors.signup_get_for_actor, _signup_page)
    """

    @login_required
    @require_GET
    def view(request: AuthedRequest, **kwargs: Any) -> HttpResponse:
        (pk,) = kwargs.values()
        return page(request, get(actor=request.user, pk=pk))

    view.__name__ = view.__qualname__ = page.__name__.strip("_")
    return view


def refused_text(exc: ValidationError) -> HttpResponse:
    """A refusal as plain text with 422 (an HTMX fragment's answer)."""
    return HttpResponse(joined(exc), status=INVALID, content_type="text/plain; charset=utf-8")


# ---- downloads -----------------------------------------------------------------------------


def stamp(at: dt.datetime | None = None) -> str:
    """The time part of a download's name: 20260301_0930."""
    return f"{timezone.localtime(at or timezone.now()):%Y%m%d_%H%M}"


def filename(stem: str, ext: str) -> str:
    """A download's name: the stem, when, and the extension (花名册_20260301_0930.xlsx)."""
    return f"{stem}_{stamp()}.{ext}"


def download(
    content: bytes | str | BinaryIO | Path | Iterable[bytes],
    name: str,
    content_type: str,
    *,
    inline: bool = False,
) -> HttpResponseBase:
    """A file for the browser to save (or, `inline`, to show), named in Chinese (RFC 6266 with an
    ASCII fallback); never sniffed. Bytes, text, an open file, a path, or an iterator of chunks
    (streamed)."""
    response: HttpResponseBase
    if isinstance(content, str):
        content = content.encode()
    if isinstance(content, bytes):
        content = io.BytesIO(content)
    if isinstance(content, Path):
        content = content.open("rb")
    if hasattr(content, "read"):
        response = FileResponse(content, as_attachment=not inline, filename=name, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(not inline, name) or ""
    response["X-Content-Type-Options"] = "nosniff"
    return response


def opened(file: Any, missing: str = "文件不存在") -> BinaryIO:
    """A kept file (a model's FileField) opened for reading; one gone from storage, or a record
    that holds none, is a 404."""
    try:
        return file.open("rb")  # type: ignore[no-any-return]
    except (OSError, ValueError) as exc:
        raise Http404(missing) from exc


def kept_upload(file: Any, filename: str, stored_type: str) -> HttpResponseBase:
    """A kept upload for the browser to save, under the name and type `filetypes.served` gives
    it (never a type a system would run)."""
    handle = opened(file)
    name, content_type = filetypes.served(stored_type, filename, handle)
    return download(handle, name, content_type)


def kept_download(get: Callable[..., Any]) -> Callable[..., HttpResponseBase]:
    """The GET view of a record that keeps one upload (`file`, `filename`, `content_type`):
    `get(actor=, pk=)` finds the record for the person (the URL's one argument is its id), and the
    upload goes out through `kept_upload`.

        document_download = web.kept_download(selectors.document_get_for_actor)
    """

    @login_required
    @require_GET
    def view(request: AuthedRequest, **kwargs: Any) -> HttpResponseBase:
        (pk,) = kwargs.values()
        record = get(actor=request.user, pk=pk)
        return kept_upload(record.file, record.filename, record.content_type)

    view.__name__ = view.__qualname__ = get.__name__.removesuffix("_get_for_actor") + "_download"
    return view
