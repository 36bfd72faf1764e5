"""Notifications to workers (booking confirmations, reminders, cancellations).

One interface, a backend chosen by the setting GONGHUI_NOTIFY_BACKEND (a dotted path). The
console backend writes each notice to standard output; SMS or WeChat adapters are further
backends with the same `send()`. Tests use the memory backend and read its outbox.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from gonghui.kernel.masking import mask_phone

DEFAULT_BACKEND = "gonghui.services.notify.ConsoleBackend"


@dataclass(frozen=True)
class Notice:
    kind: str  # confirmed, reminder, cancelled
    to_name: str
    to_phone: str
    text: str
    user_id: int | None = None
    meta: dict[str, str] = field(default_factory=dict)


class Backend(Protocol):
    def send(self, notice: Notice) -> None: ...


class ConsoleBackend:
    def send(self, notice: Notice) -> None:
        to = f"{notice.to_name}（{mask_phone(notice.to_phone)}）" if notice.to_phone else notice.to_name
        sys.stdout.write(f"[通知·{notice.kind}] 致 {to}：{notice.text}\n")
        sys.stdout.flush()


class MemoryBackend:
    outbox: list[Notice] = []

    def send(self, notice: Notice) -> None:
        MemoryBackend.outbox.append(notice)


def backend() -> Backend:
    path = getattr(settings, "GONGHUI_NOTIFY_BACKEND", DEFAULT_BACKEND)
    return import_string(path)()  # type: ignore[no-any-return]


def send(notice: Notice) -> None:
    backend().send(notice)
