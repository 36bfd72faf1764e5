"""The kernel's errors: one refusal for bad input and disallowed steps, and a missing record.

`Refused` is a Django `ValidationError`, so forms show it next to the field it names and the API
answers it with 422; its message is for the person, in Chinese. Who may not act at all gets
Django's `PermissionDenied` (403) from the scope module.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError


class Refused(ValidationError):
    """Input or a step that is refused; the message says why, and nothing was changed."""


class NotFound(ObjectDoesNotExist):
    """The record asked for does not exist (404); raised by the scope module's lookups."""


def messages_of(exc: ValidationError) -> list[str]:
    """Every message of a refusal, as plain strings."""
    return [str(m) for m in exc.messages]


def joined(exc: ValidationError) -> str:
    return "；".join(messages_of(exc))
