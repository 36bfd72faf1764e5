"""The columns of a member ledger: our template's headers and the names clerks give them."""

from __future__ import annotations

from dataclasses import dataclass

from gonghui.kernel.spreadsheet import normalize_header, synonym_map


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the header in our template
    synonyms: tuple[str, ...]
    required: bool = False
    help: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", ("会员姓名", "职工姓名", "名字"), required=True, help="按身份证填写"),
    Column("id_number", "身份证号码", ("身份证号", "公民身份号码", "居民身份证号码", "身份证件号码", "证件号码",
                                     "身份证", "身份证号码18位"), required=True,
           help="18位；15位旧号码自动升位；请设为文本格式"),
    Column("phone", "手机号码", ("手机号", "手机", "联系电话", "联系方式", "电话", "电话号码", "移动电话")),
    Column("ethnicity", "民族", ()),
    Column("education", "学历", ("文化程度", "最高学历")),
    Column("political_status", "政治面貌", ()),
    Column("employment_status", "就业状态", ("工作状态", "在岗状态", "身份", "人员身份")),
    Column("hukou_type", "户口类型", ("户籍类型", "户口性质", "户籍性质")),
    Column("migrant_worker", "是否农民工", ("农民工", "是否为农民工")),
    Column("employer_name", "工作单位", ("单位名称", "所在单位", "工作单位名称", "单位")),
    Column("employer_credit_code", "工作单位统一社会信用代码", ("单位统一社会信用代码", "统一社会信用代码", "单位信用代码")),
    Column("union", "所属基层工会", ("所属工会", "基层工会", "基层工会名称", "工会名称", "所在工会"),
           help="导入到上级工会时填写；填基层工会全称或统一社会信用代码"),
    Column("card_no", "会员证号", ("会员证号码", "会员证编号", "会员卡号", "会员证")),
    Column("join_date", "入会日期", ("入会时间", "入会年月"), help="如 2015-03-01"),
    Column("status", "会籍状态", ("会籍",), help="正常 或 保留会籍；空白为正常"),
    # Read only to check against the ID number, which is what decides them.
    Column("sex", "性别", ()),
    Column("birth_date", "出生日期", ("出生年月", "出生年月日")),
)  # fmt: skip
TEMPLATE_KEYS = (
    "name", "id_number", "phone", "ethnicity", "education", "political_status", "employment_status",
    "hukou_type", "migrant_worker", "employer_name", "employer_credit_code", "union", "card_no",
    "join_date", "status",
)  # fmt: skip
BY_KEY = {c.key: c for c in COLUMNS}

_LOOKUP: dict[str, str] = synonym_map({c.key: (c.label, *c.synonyms) for c in COLUMNS})


def column_for(header: str) -> str | None:
    """The field a header names (身份证号码（必填）, *姓名, 手机 号码 …), by the common rule."""
    return _LOOKUP.get(normalize_header(header))
