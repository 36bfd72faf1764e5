from django.http import HttpRequest

from gonghui.accounts.models import User


class AuthedRequest(HttpRequest):
    """The request of a view behind `login_required` (and of the API behind session auth)."""

    user: User  # type: ignore[assignment]
