from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path

from config import health
from gonghui.api import api_urls, unknown_path
from gonghui.core import floor
from gonghui.kernel.registry import registry

# The Django admin is for superusers; it signs in through our login (lockout, second factor).
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "工会工作平台 · 系统管理"

urlpatterns = [
    # Probes and metrics: no login, no data (config/health.py).
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.Ready.as_view(), name="health-ready"),
    path("health/", health.Health.as_view(), name="health"),
    path("metrics", health.metrics, name="metrics"),
    # bench/load.py's floor: 404 unless GONGHUI_BENCH_FLOOR is on (gonghui/core/floor.py).
    path("bench/floor", floor.floor, name="bench-floor"),
    # The API (gonghui/api.py, `api_urls`), before the pages: an address under api/ is not tried
    # against the pages first.
    path("api/", api_urls()),
    re_path(r"^api/(?P<rest>.*)$", unknown_path),
    # Every module's pages come from its module.py (gonghui.kernel.registry).
    *registry.urlpatterns(),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "config.views.bad_request"
handler500 = "config.views.server_error"
