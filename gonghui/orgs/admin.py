from django.contrib import admin

from gonghui.kernel.adminparts import ReadOnly

from .models import Org


@admin.register(Org)
class OrgAdmin(ReadOnly):
    """Read-only for superusers: structure changes go through the audited actions (the pages)."""

    list_display = ["name", "level", "kind", "status", "credit_code"]
    list_filter = ["level", "status"]
    search_fields = ["name", "credit_code"]
    exclude = ["bank_account"]
