from django.contrib import admin

from gonghui.kernel.adminparts import ReadOnly

from .models import CollectiveContract, Unit


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
