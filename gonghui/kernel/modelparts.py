"""Abstract models for what many records are alike in (they add no table and no column).

class Centre(Named): ...              # shown by its `name` (admin, choice lists, the audit log)
class Course(Titled): ...             # shown by its `title`
class MeetingDocument(Attached): ...  # a document as filetypes.document_upload took it
class Partner(Named, Created): ...    # with the time it was made (`created_at`)
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone


class Named(models.Model):
    """A record people know by its name: shown as it."""

    shown_by: ClassVar[str] = "name"

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(getattr(self, self.shown_by))


class Titled(Named):
    """A record people know by its title: shown as it."""

    shown_by = "title"

    class Meta:
        abstract = True


class Attached(Titled):
    """A document attached to a record under a title, as `filetypes.document_upload` took it: the
    name it is kept under, its type decided from its content (never the browser's word), its size."""

    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class Created(models.Model):
    """When the record was made: now, unless whoever writes it gives the time (one instant for a
    whole batch, a date the demo data makes up)."""

    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class Stamped(models.Model):
    """When the record was made, stamped by its first save; nobody gives or changes it."""

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
