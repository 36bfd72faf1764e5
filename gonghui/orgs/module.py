"""The organisation tree: its pages, API and the home page's figures."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Module, Nav, Structure, unchanged

from .selectors import org_figures

AUDIT = {
    "org.create": ("新建组织", "Union created"),
    "org.update": ("修改组织信息", "Union details changed"),
    "org.move": ("调整隶属关系", "Union moved"),
    "org.merge": ("合并组织", "Unions merged"),
    "org.split": ("分立组织", "Union split"),
    "org.dissolve": ("撤销组织", "Union dissolved"),
}
DETAILS = {
    "short_name": ("简称", "Short name"),
    "division": ("行政区划", "Division"),
    "credit_code": ("统一社会信用代码", "Credit code"),
    "legal_person": ("法人资格", "Legal person"),
    "legal_cert_no": ("法人资格证书编号", "Legal certificate no."),
    "legal_cert_date": ("发证日期", "Certificate date"),
    "bank_name": ("开户银行", "Bank"),
    "bank_account": ("银行账号", "Bank account"),
    "address": ("地址", "Address"),
    "founded_on": ("成立日期", "Founded on"),
    "nodes": ("涉及组织数", "Unions affected"),
    "children": ("下级组织", "Sub-unions"),
    "children_moved": ("转移下级组织数", "Sub-unions moved"),
    "new_org": ("新组织", "New union"),
    "from": ("原上级", "From"),
    "to": ("新上级", "To"),
}

MODULE = Module(
    name="orgs",
    title=_("组织架构"),
    nav=(Nav(_("组织架构"), "orgs:list", order=10, scope="within"),),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure.by_id(
        merged=unchanged,
        why_unchanged="组织的合并、分立、调整和撤销由本模块的操作完成，并记入组织沿革。",
    ),
    figures=org_figures,
)
