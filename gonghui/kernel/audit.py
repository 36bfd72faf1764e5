"""The one way to write an audit row: inside the transaction of the change it records.

The kernel owns the call; the `core` app owns the table and installs the writer when Django
starts (`install`). Every action name and detail key an audit row carries is declared, in Chinese
and English, by the module that writes it (its `module.py`); with `GONGHUI_AUDIT_STRICT` on (tests
and development) an undeclared one is refused, so the audit page never shows a raw code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models, transaction

Writer = Callable[..., Any]
_writer: Writer | None = None


def install(writer: Writer) -> None:
    """Called once by the app that stores audit rows."""
    global _writer
    _writer = writer


def audit(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    org: Any = None,
    detail: dict[str, Any] | None = None,
    actor_hidden: bool = False,
) -> Any:
    """`actor_hidden`: the row keeps who acted, but readers of the log see "匿名职工" and no
    address (a worker's own steps on a request they filed anonymously)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit() must run inside the transaction of the change it records")
    if _writer is None:
        raise RuntimeError("no audit log is installed (is gonghui.core in INSTALLED_APPS?)")
    detail = detail or {}
    if getattr(settings, "GONGHUI_AUDIT_STRICT", False):
        from .registry import registry

        registry.check_audit(action, detail)
    return _writer(actor=actor, action=action, obj=obj, org=org, detail=detail, actor_hidden=actor_hidden)
