"""The Django admin, where a module registers a model there at all, only reads: every change goes
through the audited actions behind the pages (a superuser included)."""

from __future__ import annotations

from django.contrib import admin


class ReadOnly(admin.ModelAdmin):
    show_full_result_count = False  # no COUNT(*) of a register of millions

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
