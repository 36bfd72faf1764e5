from django.contrib import admin

from .models import Org


@admin.register(Org)
class OrgAdmin(admin.ModelAdmin):
    """Read-only for superusers: structure changes go through the audited actions (the pages)."""

    list_display = ["name", "level", "kind", "status", "credit_code"]
    list_filter = ["level", "status"]
    search_fields = ["name", "credit_code"]
    show_full_result_count = False
    exclude = ["bank_account"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
