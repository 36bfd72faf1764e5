"""The downloadable import template: our headers, drop-down lists for every coded field, text
format for ID and phone columns (so Excel keeps all 18 digits), and a sheet of notes."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter

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


def template_xlsx(*, org: Org, unions: list[str]) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("会员名册")
    lists = book.add_worksheet("选项")
    notes = book.add_worksheet("填写说明")
    title = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format({"bold": True, "bg_color": "#f2f2f2", "border": 1, "text_wrap": True})
    required = book.add_format({"bold": True, "bg_color": "#fde2e2", "border": 1, "font_color": "#b7121f"})
    text = book.add_format({"num_format": "@"})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    keys = [k for k in TEMPLATE_KEYS if k != "union" or unions]
    sheet.merge_range(0, 0, 0, len(keys) - 1, f"{org.name}会员花名册", title)
    option_lists = dict(LISTS)
    if unions:
        option_lists["union"] = unions
    for c, key in enumerate(keys):
        col = BY_KEY[key]
        sheet.write(1, c, col.label, required if col.required else head)
        if col.help:
            sheet.write_comment(1, c, col.help)
        width = 22 if key in ("id_number", "employer_name", "union", "employer_credit_code") else 12
        fmt = text if key in ("id_number", "phone", "card_no", "employer_credit_code") else None
        fmt = date if key == "join_date" else fmt
        sheet.set_column(c, c, width, fmt)
        if key in option_lists:
            values = option_lists[key]
            lc = list(option_lists).index(key)
            lists.write(0, lc, col.label)
            lists.write_column(1, lc, values)
            letter = xlsxwriter.utility.xl_col_to_name(lc)
            sheet.data_validation(
                2, c, ROWS + 1, c,
                {"validate": "list", "source": f"=选项!${letter}$2:${letter}${len(values) + 1}",
                 "error_title": "请从下拉列表中选择", "error_message": f"{col.label}只能是下拉列表中的值。"},
            )  # fmt: skip
        if key == "join_date":
            sheet.data_validation(2, c, ROWS + 1, c, {"validate": "date", "criteria": "between",
                                  "minimum": dt.date(1925, 5, 1),
                                  "maximum": dt.date(2100, 1, 1),
                                  "error_message": "请填写日期，如 2015-03-01。"})  # fmt: skip
    sheet.freeze_panes(2, 1)
    lists.hide()
    lines = [
        "1. 第1行是标题，第2行是表头，从第3行开始每行填写一名会员；红色列为必填。",
        "2. 身份证号码请按文本填写（本模板已设为文本格式）；如从其他表格粘贴，请“选择性粘贴—数值”，不要让 Excel 把它变成 4.40305E+17 这样的科学计数。",
        "3. 15位旧身份证号会自动升为18位；末位 x 大小写均可。性别、出生日期由身份证号自动得出。",
        "4. 民族、学历、政治面貌、就业状态、户口类型、是否农民工、会籍状态请从下拉列表中选择。",
        "5. 入会日期写成 2015-03-01、2015/3/1 或 2015年3月1日 均可。",
        "6. 一人只能有一个会籍：已在其他工会登记的会员请办理转会，不要重复导入。",
        "7. 导入时默认“全部无误才导入”；也可选择只导入无误的行，有问题的行按逐行报告改正后再导入。",
    ]
    notes.set_column(0, 0, 120)
    for i, line in enumerate(lines):
        notes.write(i, 0, line)
    book.close()
    return buf.getvalue()
