from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from gonghui.api import api
from gonghui.common import views as common_views

# The Django admin is for superusers; it signs in through our login (lockout, second factor).
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "工会工作平台 · 系统管理"

urlpatterns = [
    path("", common_views.home, name="home"),
    path("audit/", common_views.audit_log, name="audit"),
    path("jobs/<int:job_id>/", common_views.job_detail, name="job"),
    path("accounts/", include("gonghui.accounts.urls")),
    path("orgs/", include("gonghui.orgs.urls")),
    path("members/", include("gonghui.members.urls")),
    path("units/", include("gonghui.units.urls")),
    path("bulletin/", include("gonghui.bulletin.urls")),
    path("assistance/", include("gonghui.assistance.urls")),
    path("meetings/", include("gonghui.meetings.urls")),
    path("services/", include("gonghui.services.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
