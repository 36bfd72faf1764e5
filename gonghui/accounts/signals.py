"""Every sign-in path (our page, the admin's) goes through Django's authentication, which sends
these signals: the audit rows are written here, once, whichever page was used."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import Signal, receiver

from . import actions
from .models import User

# Sent by the sign-in page after the password is accepted and before the session is made, with
# `request`, `user` and `next_url`. A receiver that needs a further step (a code sent to the
# worker's mobile for a device not seen before) answers with the response that takes the place
# of signing in; otherwise it answers None. The page signs in only when every receiver is content.
password_accepted = Signal()


@receiver(user_logged_in, dispatch_uid="accounts.audit_login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if isinstance(user, User):
        actions.login_recorded(user=user)


@receiver(user_login_failed, dispatch_uid="accounts.audit_login_failed")
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    actions.login_failure_recorded(
        username=str(credentials.get("username") or ""),
        locked=bool(getattr(request, "axes_locked_out", False)),
    )
