"""The core's own declaration: the home page, the audit log and job pages, the audit API."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Module, Nav, Periodic, Structure, unchanged

from .figures import figures_keep

AUDIT = {
    "job.enqueue": ("提交后台任务", "Background job queued"),
    "pii.reveal": ("查看敏感信息", "Personal data revealed"),
    "crypto.rotate": ("更换数据密钥", "Data key changed"),
}
DETAILS = {
    "fields": ("查看项目", "Fields"),
    "job": ("任务", "Job"),
}

MODULE = Module(
    name="core",
    title=_("公共"),
    path="",
    api_path="/audit",
    nav=(Nav(_("审计日志"), "audit", perm="audit", order=90), Nav(_("接口文档"), "/api/docs", order=95)),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure.by_id(
        merged=unchanged,
        why_unchanged="审计日志、后台任务和月末关键数据是历史：它们留在发生时的工会上（合并后仍按原工会查得到）。",
    ),
    # The current month's key figures of every union with sub-unions, kept up to date so that
    # the row left when the month ends is its month-end figure.
    periodic=(Periodic("core.figures_keep", figures_keep, every=3 * 3600),),
)
