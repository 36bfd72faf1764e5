"""Row by row: parse, validate, blind-index and seal every cell of the ledger.

This is the import's hot loop (a million rows in a few seconds per core). It reads only the
rows it is given and shares nothing with other parts but the read-only plan, so that the
pipeline can run two parts in two processes. Sealing state is created here, in the process
that uses it: a forked process must never reuse its parent's nonce pool.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gonghui.kernel.spreadsheet import footer_line

from .. import fields
from ..choices import Status
from ..fields import FieldError
from ..keys import ID_PURPOSE, PHONE_PURPOSE, indexer, sealer

NULL = "\\N"  # COPY's text for NULL
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
STATUS_VALUES = {
    "正常": Status.ACTIVE,
    "在册": Status.ACTIVE,
    "保留会籍": Status.RETAINED,
    "保留": Status.RETAINED,
}


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel shows it (1-based)
    column: str  # the header as written in the file; "" for the whole row
    message: str
    member: int | None = None  # a membership the report offers to transfer

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"row": self.row, "column": self.column, "message": self.message}
        if self.member is not None:
            out["member"] = self.member
        return out


@dataclass
class Plan:
    columns: dict[str, int]
    headers: dict[str, str]
    first_row: int  # index of the first data row
    org_id: int | None  # every row's union when the file has no union column
    org_name: str
    unions: dict[str, int] | None  # full name or credit code → grassroots union in the subtree
    today: dt.date
    as_lines: bool  # PostgreSQL COPY text lines, else tuples for executemany


@dataclass
class Part:
    records: list[Any] = field(default_factory=list)
    rownos: list[int] = field(default_factory=list)
    bidx: list[str] = field(default_factory=list)
    cards: list[str] = field(default_factory=list)
    orgs: set[int] = field(default_factory=set)  # the unions its good rows go to
    errors: list[RowError] = field(default_factory=list)
    bad_rows: int = 0
    blank_rows: int = 0
    footer_rows: list[int] = field(default_factory=list)  # 合计、填报人… lines under the table


def _blank(row: list[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


_ID_SEPARATORS = str.maketrans("", "", " \u3000\xa0\t-－‐‑–—_")
ID_LENGTH = "身份证号长度应为18位"


def parse_id(raw: Any) -> Any:
    """The ID number as typed, with the spaces and hyphens people put in it left out
    (440106-19880312-123X); a refused length says how many characters were counted."""
    if type(raw) is not str or (len(raw) == 18 and raw.isalnum()):
        return fields.parse_id_number(raw)
    cleaned = raw.translate(_ID_SEPARATORS)
    try:
        return fields.parse_id_number(cleaned)
    except FieldError as exc:
        if exc.message != ID_LENGTH:
            raise
        counted = len(unicodedata.normalize("NFKC", cleaned))
        raise FieldError(f"{ID_LENGTH}，现为{counted}位（不计空格和“-”）") from None


_ISO = dt.date.fromisoformat


def parse_join(raw: Any) -> dt.date | None:
    """The join date as clerks type it; a number such as 2019.3 (what Excel keeps of "2019.3"
    typed into a General cell) is March 2019."""
    if type(raw) is str and len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
        try:
            return _ISO(raw)
        except ValueError:
            pass
    elif type(raw) in (float, int) and 1900 <= raw < 2200:
        return _year_month(raw)
    return fields.parse_date(raw, label="入会日期")


def _year_month(value: float) -> dt.date:
    """2019.3 → 2019-03-01, 2019.12 → 2019-12-01; 2019.1 may have been 2019.10, and 2019 alone
    has no month: those are refused, saying the cell was read as a number."""
    shown = fields.text(value)
    year, _dot, month = shown.partition(".")
    if not month:
        raise FieldError(f"入会日期「{shown}」只有年份（表格中是数字），请写明年月，如 {shown}-03-01")
    if month == "1":
        raise FieldError(
            f"入会日期「{shown}」在表格中是数字，分不清是{year}年1月还是10月，请写成 {year}-01-01 或 {year}-10-01"
        )
    if len(month) > 2 or not 1 <= int(month) <= 12:
        raise FieldError(f"入会日期「{shown}」在表格中是数字，无法识别为年月，请写成 {year}-03-01 这样的日期")
    return dt.date(int(year), int(month), 1)


def encode_part(rows: Sequence[list[Any]], first: int, plan: Plan) -> Part:
    """Encode `rows`, the first of which is the sheet's row with 0-based index `first`."""
    seal = sealer()
    id_index = indexer(ID_PURPOSE)
    phone_index = indexer(PHONE_PURPOSE)
    out = Part()
    records, rownos, bidxs, cards, errors = out.records, out.rownos, out.bidx, out.cards, out.errors
    orgs = out.orgs
    cols, heads = plan.columns, plan.headers
    c_name, c_id = cols["name"], cols["id_number"]
    c_phone = cols.get("phone", -1)
    c_eth = cols.get("ethnicity", -1)
    c_edu = cols.get("education", -1)
    c_pol = cols.get("political_status", -1)
    c_emp = cols.get("employment_status", -1)
    c_huk = cols.get("hukou_type", -1)
    c_mig = cols.get("migrant_worker", -1)
    c_ename = cols.get("employer_name", -1)
    c_ecode = cols.get("employer_credit_code", -1)
    c_union = cols.get("union", -1)
    c_card = cols.get("card_no", -1)
    c_join = cols.get("join_date", -1)
    c_status = cols.get("status", -1)
    c_sex = cols.get("sex", -1)
    c_birth = cols.get("birth_date", -1)
    parse_name, parse_phone = fields.parse_name, fields.parse_phone
    p_eth, p_edu, p_pol = fields.parse_ethnicity, fields.parse_education, fields.parse_political_status
    p_emp, p_huk = fields.parse_employment_status, fields.parse_hukou_type
    parse_date, check_join, text = fields.parse_date, fields.check_join_date, fields.text
    footers = out.footer_rows
    unions, default_org, org_name = plan.unions, plan.org_id, plan.org_name
    today, as_lines = plan.today, plan.as_lines
    today_iso = today.isoformat()
    width = max(cols.values()) + 1
    # Coded cells repeat a handful of values a million times: remember each one's result.
    memo: dict[tuple[int, Any], Any] = {}
    coded = ((c_eth, p_eth), (c_edu, p_edu), (c_pol, p_pol), (c_emp, p_emp), (c_huk, p_huk))
    active_status = Status.ACTIVE.value

    for i, row in enumerate(rows, start=first):
        if len(row) < width:
            row = list(row) + [""] * (width - len(row))
        rowno = i + 1
        name_raw, id_raw = row[c_name], row[c_id]
        if (name_raw == "" or name_raw is None) and (id_raw == "" or id_raw is None) and _blank(row):
            out.blank_rows += 1
            continue
        n_err = len(errors)
        name = ""
        try:
            name = parse_name(name_raw)
        except FieldError as e:
            errors.append(RowError(rowno, heads["name"], e.message))
        try:
            info = parse_id(id_raw)
        except FieldError as e:
            errors.append(RowError(rowno, heads["id_number"], e.message))
            info = None
        phone = ""
        if c_phone >= 0:
            try:
                phone = parse_phone(row[c_phone])
            except FieldError as e:
                errors.append(RowError(rowno, heads["phone"], e.message))
        values = []
        for c, parser in coded:
            if c < 0:
                values.append("")
                continue
            raw = row[c]
            key = (c, raw)
            got = memo.get(key)
            if got is None:
                try:
                    got = parser(raw)
                except FieldError as e:
                    errors.append(RowError(rowno, heads[_key_of(cols, c)], e.message))
                    values.append("")
                    continue
                memo[key] = got
            values.append(got)
        migrant = False
        if c_mig >= 0:
            raw = row[c_mig]
            if raw != "" and raw is not None:
                try:
                    migrant = bool(fields.parse_yes_no(raw))
                except FieldError as e:
                    errors.append(RowError(rowno, heads["migrant_worker"], e.message))
        employer = ""
        if c_ename >= 0:
            employer = text(row[c_ename])
            if len(employer) > 100:
                errors.append(RowError(rowno, heads["employer_name"], "工作单位名称过长（最多100个字）"))
        credit = ""
        if c_ecode >= 0:
            try:
                credit = fields.parse_credit_code(row[c_ecode])
            except FieldError as e:
                errors.append(RowError(rowno, heads["employer_credit_code"], e.message))
        org_id = default_org
        if c_union >= 0:
            u = text(row[c_union])
            if u:
                org_id = unions.get(u) if unions is not None else None
                if org_id is None and unions is not None:
                    org_id = unions.get(u.upper())
                if org_id is None:
                    errors.append(
                        RowError(
                            rowno,
                            heads["union"],
                            f"「{u[:40]}」不是「{org_name}」下属的基层工会（请填写全称或统一社会信用代码）",
                        )
                    )
            elif org_id is None:
                errors.append(RowError(rowno, heads["union"], "请填写所属基层工会"))
        card = ""
        if c_card >= 0:
            raw = row[c_card]
            if raw != "" and raw is not None:
                if type(raw) is str and raw.isascii() and raw.isalnum() and len(raw) <= 30:
                    card = raw.upper()
                else:
                    try:
                        card = fields.parse_card_no(raw)
                    except FieldError as e:
                        errors.append(RowError(rowno, heads["card_no"], e.message))
        join = None
        if c_join >= 0:
            raw = row[c_join]
            try:
                join = parse_join(raw)
                if info is not None:
                    check_join(join, birth=info.birth_date, today=today)
            except FieldError as e:
                errors.append(RowError(rowno, heads["join_date"], e.message))
        status = active_status
        if c_status >= 0:
            s = text(row[c_status])
            if s:
                got_status = STATUS_VALUES.get(s)
                if got_status is None:
                    errors.append(
                        RowError(
                            rowno, heads["status"], f"会籍状态「{s[:10]}」无法导入：只能是“正常”或“保留会籍”"
                        )
                    )
                else:
                    status = got_status.value
        if info is not None:
            if c_sex >= 0:
                s = text(row[c_sex])
                if s and s not in (info.sex, info.sex + "性"):
                    errors.append(
                        RowError(
                            rowno, heads["sex"], f"性别「{s[:4]}」与身份证号不符（身份证号为{info.sex}性）"
                        )
                    )
            if c_birth >= 0:
                raw = row[c_birth]
                if raw != "" and raw is not None:
                    try:
                        born = parse_date(raw, label="出生日期")
                    except FieldError as e:
                        errors.append(RowError(rowno, heads["birth_date"], e.message))
                    else:
                        same_month = born is not None and (born.year, born.month) == (
                            info.birth_date.year,
                            info.birth_date.month,
                        )
                        if (
                            born is not None
                            and born != info.birth_date
                            and not (born.day == 1 and same_month)
                        ):
                            errors.append(
                                RowError(
                                    rowno,
                                    heads["birth_date"],
                                    f"出生日期与身份证号不符（身份证号为{info.birth_date:%Y-%m-%d}）",
                                )
                            )
        if len(errors) != n_err or info is None or org_id is None:
            if footer_line(row):
                del errors[n_err:]  # not a member: skipped, as a blank row is
                footers.append(rowno)
                continue
            out.bad_rows += 1
            continue
        number = info.number
        bidx = id_index(number)
        phone_enc, phone_b = (seal(phone), phone_index(phone)) if phone else ("", None)
        since = join.isoformat() if join is not None else today_iso
        if as_lines:
            if "\\" in employer or "\t" in employer or "\n" in employer or "\r" in employer:
                employer = employer.translate(_ESCAPE)
            records.append(
                f"{rowno}\t{org_id}\t{name}\t{info.sex}\t{info.birth_date.isoformat()}\t{seal(number)}\t{bidx}\t"
                f"{phone_enc}\t{phone_b or NULL}\t{values[0]}\t{values[1]}\t{values[2]}\t{values[3]}\t{values[4]}\t"
                f"{'t' if migrant else 'f'}\t{employer}\t{credit}\t{card}\t{since if join is not None else NULL}\t"
                f"{status}\t{since}\n"
            )
        else:
            records.append(
                (rowno, org_id, name, info.sex, info.birth_date.isoformat(), seal(number), bidx, phone_enc,
                 phone_b, values[0], values[1], values[2], values[3], values[4], migrant, employer, credit, card,
                 join.isoformat() if join is not None else None, status, since)
            )  # fmt: skip
        rownos.append(rowno)
        bidxs.append(bidx)
        cards.append(card)
        orgs.add(org_id)
    return out


def _key_of(columns: dict[str, int], index: int) -> str:
    for k, v in columns.items():
        if v == index:
            return k
    return ""


STAGE_COLUMNS = (
    "rowno", "org_id", "name", "sex", "birth_date", "id_number", "id_number_bidx", "phone", "phone_bidx",
    "ethnicity", "education", "political_status", "employment_status", "hukou_type", "migrant_worker",
    "employer_name", "employer_credit_code", "card_no", "join_date", "status", "status_since",
)  # fmt: skip
