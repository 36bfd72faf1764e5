"""The downloadable import template: our headers, drop-down lists for every coded field, text
format for ID and phone columns (so Excel keeps all 18 digits), and a sheet of notes."""

from __future__ import annotations

import datetime as dt

from gonghui.kernel.exporting import Cell, Sheet, Validation, column_name, side_by_side, xlsx_bytes
from gonghui.orgs.models import Org

from .choices import Education, EmploymentStatus, Ethnicity, HukouType, PoliticalStatus
from .importing.columns import BY_KEY, TEMPLATE_KEYS

LISTS = {
    "ethnicity": [str(label) for _v, label in Ethnicity.choices],
    "education": [str(label) for _v, label in Education.choices],
    "political_status": [str(label) for _v, label in PoliticalStatus.choices],
    "employment_status": [str(label) for _v, label in EmploymentStatus.choices],
    "hukou_type": [str(label) for _v, label in HukouType.choices],
    "migrant_worker": ["是", "否"],
    "status": ["正常", "保留会籍"],
}
ROWS = 5000


TEXT_KEYS = ("id_number", "phone", "card_no", "employer_credit_code")
WIDE_KEYS = ("id_number", "employer_name", "union", "employer_credit_code")
NOTES = [
    "1. 第1行是标题，第2行是表头，从第3行开始每行填写一名会员；红色列为必填。",
    "2. 身份证号码请按文本填写（本模板已设为文本格式）；如从其他表格粘贴，请“选择性粘贴—数值”，不要让 Excel 把它变成 4.40305E+17 这样的科学计数。",
    "3. 15位旧身份证号会自动升为18位；末位 x 大小写均可。性别、出生日期由身份证号自动得出。",
    "4. 民族、学历、政治面貌、就业状态、户口类型、是否农民工、会籍状态请从下拉列表中选择。",
    "5. 入会日期写成 2015-03-01、2015/3/1 或 2015年3月1日 均可。",
    "6. 一人只能有一个会籍：已在其他工会登记的会员请办理转会，不要重复导入。",
    "7. 导入时默认“全部无误才导入”；也可选择只导入无误的行，有问题的行按逐行报告改正后再导入。",
]


def template_xlsx(*, org: Org, unions: list[str]) -> bytes:
    keys = [k for k in TEMPLATE_KEYS if k != "union" or unions]
    option_lists = dict(LISTS)
    if unions:
        option_lists["union"] = unions
    names = list(option_lists)
    validations = []
    for c, key in enumerate(keys):
        if key in option_lists:
            letter = column_name(names.index(key))
            values = option_lists[key]
            validations.append(Validation(c, {
                "validate": "list", "source": f"=选项!${letter}$2:${letter}${len(values) + 1}",
                "error_title": "请从下拉列表中选择", "error_message": f"{BY_KEY[key].label}只能是下拉列表中的值。",
            }, ROWS))  # fmt: skip
        if key == "join_date":
            validations.append(Validation(c, {
                "validate": "date", "criteria": "between", "minimum": dt.date(1925, 5, 1),
                "maximum": dt.date(2100, 1, 1), "error_message": "请填写日期，如 2015-03-01。",
            }, ROWS))  # fmt: skip
    register = Sheet(
        "会员名册",
        title=f"{org.name}会员花名册",
        merge_title=True,
        header=[Cell(BY_KEY[k].label, "required" if BY_KEY[k].required else "head") for k in keys],
        header_notes={c: BY_KEY[k].help for c, k in enumerate(keys) if BY_KEY[k].help},
        rows=(),
        widths=[22 if k in WIDE_KEYS else 12 for k in keys],
        input_styles={
            c: "text" if k in TEXT_KEYS else "date"
            for c, k in enumerate(keys)
            if k in TEXT_KEYS or k == "join_date"
        },
        validations=validations,
        frozen=1,
    )
    lists = Sheet(
        "选项",
        header=(),
        rows=side_by_side(*([BY_KEY[k].label, *values] for k, values in option_lists.items())),
        hidden=True,
    )
    notes = Sheet("填写说明", header=(), rows=([line] for line in NOTES), widths=[120])
    # A blank form carries nobody's data, and it comes back as an upload: no watermark line above
    # the title and header that the import looks for.
    return xlsx_bytes(
        [register, lists, notes],
        marked=False,
        styles={"required": {"bold": True, "bg_color": "#fde2e2", "border": 1, "font_color": "#b7121f"}},
    )
