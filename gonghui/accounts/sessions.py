"""Sessions that carry their person: the session row names the user it is signed in for, so a
request reads the session, the person and the data generations (`core.generation`) in one query
instead of three. `ModelBackend.get_user` takes the person this read found, for this request
only; every check Django makes on a session (its expiry, the password hash) stays as it is."""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.core.exceptions import SuspiciousOperation
from django.core.signals import request_finished, request_started
from django.utils import timezone

from gonghui.core import generation

# The authentication backend every session of ours names (AUTHENTICATION_BACKENDS).
BACKEND = "gonghui.accounts.sessions.ModelBackend"

# The person the session read of the request in hand found: taken once by `get_user`.
_found: ContextVar[Any] = ContextVar("gonghui_session_user", default=None)


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls) -> Any:
        from .models import Session

        return Session

    def _get_session_from_db(self) -> Any:
        from .models import Session

        _found.set(None)
        try:
            row = (
                Session.objects.select_related("user")
                .annotate(**generation.columns())
                .get(session_key=self.session_key, expire_date__gt=timezone.now())
            )
        except (self.model.DoesNotExist, SuspiciousOperation) as e:
            if isinstance(e, SuspiciousOperation):
                logging.getLogger(f"django.security.{e.__class__.__name__}").warning(str(e))
            self._session_key = None
            return None
        generation.seen(row)
        _found.set(row.user)
        return row

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        row: Any = super().create_model_instance(data)
        try:
            row.user_id = int(data[SESSION_KEY])
        except (KeyError, TypeError, ValueError):
            row.user_id = None
        return row


class ModelBackend(DjangoModelBackend):
    """Django's, but the person of a session just read is not read again."""

    def get_user(self, user_id: Any) -> Any:
        found = _found.get()
        _found.set(None)
        if found is not None and str(found.pk) == str(user_id):
            return found if self.user_can_authenticate(found) else None
        return super().get_user(user_id)


def _forget(**kwargs: Any) -> None:
    _found.set(None)


request_started.connect(_forget, dispatch_uid="gonghui-session-user-before")
request_finished.connect(_forget, dispatch_uid="gonghui-session-user-after")
