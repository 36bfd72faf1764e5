"""Employer units, collective contracts and the "两个普遍" tallies."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Export, Module, Nav, Periodic, Structure, Todo

from .home import units_figures
from .importer import JOB_KIND as IMPORT_KIND
from .importer import run_import_job
from .selectors import contracts_expiring_count, units_to_organise_count
from .structure import on_dissolved, on_merged, on_relocated, on_split
from .tally import REBUILD_JOB, tally_keep_fresh, tally_rebuild_job

AUDIT = {
    "unit.create": ("登记单位", "Unit registered"),
    "unit.update": ("修改单位信息", "Unit details changed"),
    "unit.close": ("注销单位", "Unit closed"),
    "unit.import": ("导入单位", "Units imported"),
    "unit.export": ("导出单位名单", "Unit list exported"),
    "unit.report_export": ("导出“两个普遍”统计", "Coverage report exported"),
    "unit.follow_merge": ("单位随工会合并", "Units followed a merge"),
    "contract.create": ("登记集体合同", "Collective contract registered"),
    "contract.end": ("终止集体合同", "Collective contract ended"),
    "contract.export": ("导出集体合同名单", "Collective contracts exported"),
}
DETAILS = {
    "address": ("地址", "Address"),
    "credit_code": ("统一社会信用代码", "Credit code"),
    "division": ("行政区划", "Division"),
    "founded_on": ("成立日期", "Founded on"),
    "employees": ("职工人数", "Employees"),
    "women": ("女职工人数", "Women"),
    "migrants": ("农民工人数", "Migrant workers"),
    "industry": ("行业", "Industry"),
    "unit_type": ("单位类别", "Unit type"),
    "registered_org": ("登记工会", "Registering union"),
    "covering_org": ("所属工会", "Covering union"),
    "created": ("导入数量", "Imported"),
    "threshold": ("应建会标准", "Threshold"),
    "units": ("单位", "Units"),
    "contracts": ("集体合同", "Contracts"),
    "signed_on": ("签订日期", "Signed on"),
    "expires_on": ("期满日期", "Expires on"),
    "workers_covered": ("覆盖职工数", "Workers covered"),
    "within": ("范围", "Within"),
    "has_union": ("已建会", "Has a union"),
    "q": ("搜索", "Search"),
    "in_force_on": ("有效日期", "In force on"),
    "expires_by": ("到期不晚于", "Expiring by"),
    "to_organise": ("应建未建（职工人数不少于）", "To organise (employees at least)"),
    "from": ("原工会", "From"),
    "to": ("新工会", "To"),
}

MODULE = Module(
    name="units",
    title=_("单位与两个普遍"),
    nav=(Nav(_("单位与两个普遍"), "units:list", order=30, scope="within"),),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure(
        merged=on_merged,  # units and contracts go to the survivor; both are recounted
        split=on_split,
        relocated=on_relocated,  # the moved subtree's figures leave its old ancestors' tallies
        dissolved=on_dissolved,  # its units are no longer covered by a union
        why_unchanged="分立时，划出的下级工会保留原有编号，其单位和集体合同随之划转；统计汇总随子树迁移。",
    ),
    exports=(
        Export("units.list", "单位名单", ("xlsx", "csv"), sample="gonghui.units.tests.exports:unit_list"),
        Export(
            "units.contracts", "集体合同", ("xlsx", "csv"), sample="gonghui.units.tests.exports:contract_list"
        ),
        Export("units.report", "两个普遍统计", ("xlsx", "csv")),
        Export("units.template", "单位台账导入模板", sample="gonghui.units.tests.exports:import_template"),
    ),
    periodic=(Periodic("units.tally_keep_fresh", tally_keep_fresh),),
    figures=units_figures,
    todos=(
        Todo(
            "units.contracts_expiring",
            _("集体合同即将到期"),
            count=contracts_expiring_count,
            url="/units/contracts/?expiring=1",
        ),
        Todo(
            "units.to_organise",
            _("应建未建单位"),
            count=units_to_organise_count,
            url="/units/?has_union=should",
        ),
    ),
    jobs={IMPORT_KIND: run_import_job, REBUILD_JOB: tally_rebuild_job},
)
