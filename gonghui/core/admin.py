from django.contrib import admin

from gonghui.kernel.adminparts import ReadOnly

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnly):
    list_display = ["at", "actor", "action", "object_repr", "org", "ip"]
    list_filter = ["action"]
