"""The enrolment template a unit downloads, fills in and uploads (参保名单): the columns the import
reads, ID numbers kept as text, a drop-down for the health declaration where the plan asks for
one, and the plan's rules written out on a sheet of notes."""

from __future__ import annotations

from gonghui.kernel.exporting import Cell, Sheet, Validation, xlsx_bytes

from .models import Enrolment

ROWS = 2000
HEALTHY = "未确诊六种重大疾病"
YES, NO = "是", "否"


def enrolment_template_xlsx(enrolment: Enrolment) -> bytes:
    plan, org = enrolment.plan, enrolment.org
    header = [Cell("序号", "head"), Cell("姓名", "required"), Cell("身份证号码", "required")]
    validations = []
    if plan.healthy_required:
        header.append(Cell(HEALTHY, "required"))
        validations.append(
            Validation(
                3,
                {
                    "validate": "list",
                    "source": [YES, NO],
                    "error_title": "请从下拉列表中选择",
                    "error_message": f"「{HEALTHY}」只能填“{YES}”或“{NO}”。",
                },
                ROWS,
            )
        )
    notes = [
        "1. 第1行是标题，第2行是表头，从第3行开始每行填写一名参保职工；红色列为必填。",
        "2. 参保职工须是本单位会员名册中的在职会员，按身份证号码与会员名册核对，姓名须与名册一致。",
        "3. 身份证号码请按文本填写（本模板已设为文本格式），不要让 Excel 把它变成 4.40305E+17 这样的科学计数。",
        f"4. 本计划：{plan.who_may_join}。",
        f"5. 团体参保：{plan.group_rule}。",
        f"6. 每人每年度限参加本计划一份；每份互助金 {plan.price} 元，保障期 {plan.term_years} 年。",
    ]
    if plan.healthy_required:
        notes.append(
            f"7. 「{HEALTHY}」列请逐人选择“{YES}”或“{NO}”；选“{NO}”的职工不能参加本计划（保障条件）。"
        )
    notes.append("名单中有任何一行有误，整份名单都不会导入；请按逐行提示改正后重新上传。")
    listing = Sheet(
        "参保名单",
        title=f"{org.name}{enrolment.year}年「{plan.name}」参保名单",
        merge_title=True,
        header=header,
        rows=(),
        widths=[8, 14, 24, 18],
        input_styles={2: "text"},
        validations=validations,
        frozen=1,
    )
    sheet_notes = Sheet("填写说明", header=(), rows=([line] for line in notes), widths=[120])
    # A blank form carries nobody's data, and it comes back as an upload: no watermark line above
    # the title and header that the import looks for.
    return xlsx_bytes(
        [listing, sheet_notes],
        marked=False,
        styles={"required": {"bold": True, "bg_color": "#fde2e2", "border": 1, "font_color": "#b7121f"}},
    )
