from django.http import Http404, HttpRequest

from gonghui.accounts.models import User


class AuthedRequest(HttpRequest):
    """The request of a view behind `login_required` (and of the API behind session auth)."""

    user: User  # type: ignore[assignment]


def int_param(request: HttpRequest, name: str) -> int | None:
    """An id from the query string; a malformed one is a 404, not a server error."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404("参数无效")
    return int(raw)
