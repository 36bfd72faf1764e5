from django.contrib import admin

from .models import CollectiveContract, Unit


class ReadOnly(admin.ModelAdmin):
    """Read-only for superusers: changes go through the audited actions (the pages)."""

    show_full_result_count = False

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Unit)
class UnitAdmin(ReadOnly):
    list_display = ["name", "credit_code", "industry", "unit_type", "employees", "covering_org", "status"]
    list_filter = ["status", "industry", "unit_type"]
    search_fields = ["name", "credit_code"]


@admin.register(CollectiveContract)
class CollectiveContractAdmin(ReadOnly):
    list_display = ["title", "kind", "org", "signed_on", "expires_on", "workers_covered"]
    list_filter = ["kind"]
    search_fields = ["title"]
