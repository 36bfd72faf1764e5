from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Role, User


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    raw_id_fields = ["org"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("姓名", {"fields": ("full_name",)}),
    )
    list_display = ["username", "full_name", "is_active", "is_superuser"]
    search_fields = ["username", "full_name"]
    inlines = [RoleInline]
