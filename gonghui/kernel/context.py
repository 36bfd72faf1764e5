"""Who is acting and from where, for the audit log: set per request by the middleware."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    ip: str | None = None
    user_agent: str = ""
    via: str = "web"


current_request: ContextVar[RequestInfo] = ContextVar("current_request", default=RequestInfo(via="system"))  # noqa: B039 (frozen)
