from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path

from gonghui.api import api, unknown_path
from gonghui.kernel.registry import registry

# The Django admin is for superusers; it signs in through our login (lockout, second factor).
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "工会工作平台 · 系统管理"

# Every module's pages come from its module.py (gonghui.kernel.registry).
urlpatterns = [
    *registry.urlpatterns(),
    path("api/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", unknown_path),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
