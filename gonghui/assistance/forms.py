"""Forms parse what people type; the rules live in the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gonghui.core.widgets import DivisionField
from gonghui.kernel.formfields import optional_text
from gonghui.orgs.models import Level

from . import choices as c
from .models import Household

BLANK: list[Any] = [("", gettext_lazy("——请选择——"))]


def _choices(tc: Any, blank: bool = True) -> list[tuple[str, str]]:
    return (BLANK if blank else []) + list(tc.choices)


def _money(label: str, required: bool = False, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(label=label, required=required, max_digits=12, decimal_places=2, min_value=0,
                              help_text=help_text, widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}))  # fmt: skip


class HouseholdForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    id_number = forms.CharField(
        label=gettext_lazy("身份证号"),
        max_length=22,
        help_text=gettext_lazy("18位；出生日期与性别由身份证号读出。"),
    )
    ethnicity = forms.CharField(label=gettext_lazy("民族"), max_length=20, initial="汉族")
    political_status = forms.ChoiceField(label=gettext_lazy("政治面貌"), choices=_choices(c.Political))
    phone = forms.CharField(label=gettext_lazy("手机号码"), max_length=20)
    other_contact = optional_text(gettext_lazy("其他联系方式"), max_length=50)
    health = forms.ChoiceField(label=gettext_lazy("健康状况"), choices=_choices(c.Health))
    disability = forms.ChoiceField(
        label=gettext_lazy("残疾类别"), choices=_choices(c.Disability), required=False
    )
    work_status = forms.ChoiceField(label=gettext_lazy("工作状态"), choices=_choices(c.WorkStatus))
    model_worker = forms.ChoiceField(
        label=gettext_lazy("劳模类型"), choices=_choices(c.ModelWorker, blank=False)
    )
    marital = forms.ChoiceField(label=gettext_lazy("婚姻状况"), choices=_choices(c.Marital))
    hukou_type = forms.ChoiceField(label=gettext_lazy("户口类型"), choices=_choices(c.Hukou))
    hukou_division = DivisionField(
        label=gettext_lazy("户口所在地行政区划"),
        help_text=gettext_lazy("输入地名或6位代码后从列表中选择，如“海珠”（440105）；据此取当地低保标准。"),
    )
    address = forms.CharField(label=gettext_lazy("家庭住址"), max_length=200)
    postcode = optional_text(gettext_lazy("邮政编码"), max_length=6)
    housing = forms.ChoiceField(label=gettext_lazy("住房类型"), choices=_choices(c.Housing))
    housing_area = _money("建筑面积（㎡）")
    work_since = forms.DateField(
        label=gettext_lazy("工作时间"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    industry = optional_text(gettext_lazy("所属行业"), max_length=30)
    employer = optional_text(gettext_lazy("工作单位"), max_length=100)
    employer_nature = optional_text(gettext_lazy("单位性质"), max_length=30)
    employer_state = optional_text(gettext_lazy("企业状况"), max_length=30)
    single_parent = forms.BooleanField(label=gettext_lazy("单亲家庭"), required=False)
    monthly_income = _money("本人月平均收入（元）", required=True)
    other_income = _money("家庭其他非薪资年收入（元）")
    rigid_expenses = _money("年度刚性支出（元）", help_text="医疗、子女教育等必需支出，自家庭收入中扣除。")
    hardship_costs = _money("年度内致困费用（损失）（元）", help_text="超过家庭年收入80%的，认定为意外致困。")
    major_event = forms.BooleanField(
        label=gettext_lazy("因自然灾害、重大事故等突发事件伤残或死亡"), required=False
    )
    insurance = forms.ChoiceField(label=gettext_lazy("医保状况"), choices=_choices(c.Insurance))
    self_help = forms.BooleanField(label=gettext_lazy("有一定自救能力"), required=False)
    zero_employment = forms.BooleanField(label=gettext_lazy("零就业家庭"), required=False)
    main_cause = forms.ChoiceField(label=gettext_lazy("主要致困原因（选1项）"), choices=_choices(c.Cause))
    secondary_causes = forms.MultipleChoiceField(
        label=gettext_lazy("次要致困原因（最多3项）"),
        choices=c.Cause.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cause_note = optional_text(gettext_lazy("其他（文字描述）"), max_length=200)
    bank_name = optional_text(gettext_lazy("开户银行"), max_length=50)
    bank_branch = optional_text(gettext_lazy("支行名称"), max_length=100)
    bank_account = optional_text(gettext_lazy("银行卡号"), max_length=40)
    note = optional_text(gettext_lazy("备注"), max_length=500, rows=2)

    SECTIONS = (
        ("职工本人", ("name", "id_number", "ethnicity", "political_status", "phone", "other_contact", "health",
                      "disability", "work_status", "model_worker", "marital", "hukou_type", "hukou_division",
                      "address", "postcode", "housing", "housing_area", "work_since", "industry", "employer",
                      "employer_nature", "employer_state", "single_parent")),
        ("收入与支出", ("monthly_income", "other_income", "rigid_expenses", "hardship_costs", "major_event",
                        "insurance", "self_help", "zero_employment")),
        ("致困原因", ("main_cause", "secondary_causes", "cause_note")),
        ("银行账户", ("bank_name", "bank_branch", "bank_account")),
        ("备注", ("note",)),
    )  # fmt: skip

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[f] for f in names]) for title, names in self.SECTIONS]

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    @classmethod
    def initial_for(cls, h: Household) -> dict[str, Any]:
        """The file as it stands, personal numbers masked: a masked value sent back unchanged
        keeps the stored one (actions.household_update)."""
        initial = {f: getattr(h, f) for f in cls.base_fields}
        initial.update(id_number=h.id_number_masked, phone=h.phone_masked, bank_account=h.bank_account_masked)
        return initial


class FamilyForm(forms.Form):
    name = optional_text(gettext_lazy("姓名"), max_length=50)
    relation = forms.ChoiceField(label=gettext_lazy("关系"), choices=_choices(c.Relation), required=False)
    id_number = optional_text(gettext_lazy("身份证号"), max_length=22)
    monthly_income = _money("月收入（元）")
    identity = forms.ChoiceField(label=gettext_lazy("身份"), choices=_choices(c.Identity), required=False)
    insurance = forms.ChoiceField(
        label=gettext_lazy("医保状况"), choices=_choices(c.Insurance), required=False
    )
    health = forms.ChoiceField(
        label=gettext_lazy("健康状况"),
        choices=_choices(c.Health, blank=False),
        required=False,
        initial="良好",
    )
    political_status = forms.ChoiceField(
        label=gettext_lazy("政治面貌"),
        choices=_choices(c.Political, blank=False),
        required=False,
        initial="群众",
    )
    school_or_employer = optional_text(gettext_lazy("单位或学校"), max_length=100)
    member_id = forms.IntegerField(required=False, widget=forms.HiddenInput)


FamilyFormSet = forms.formset_factory(FamilyForm, extra=1, max_num=12, absolute_max=12)


def family_rows(formset: Any) -> list[dict[str, Any]]:
    """The filled rows of the family table (a row without a name or an ID is an unused one)."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("name") or data.get("id_number"):
            rows.append(data)
    return rows


def family_initial(h: Household) -> list[dict[str, Any]]:
    rows = []
    for m in h.family.all():
        row = {f: getattr(m, f) for f in FamilyForm.base_fields if f != "member_id"}
        row.update(id_number=m.id_number_masked, member_id=m.pk)
        rows.append(row)
    return rows


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("附件类型"), choices=_choices(c.AttachmentKind))
    name = optional_text(gettext_lazy("附件名称"), max_length=100)
    file = forms.FileField(label=gettext_lazy("文件（PDF、JPG、PNG）"))


class ExitForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("脱困原因"), max_length=200, widget=forms.Textarea(attrs={"rows": 3})
    )


class MergeForm(forms.Form):
    other = forms.CharField(label=gettext_lazy("并入本档案的另一份档案（职工编号）"), max_length=24)


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("帮扶类型"), choices=_choices(c.Kind))
    amount = forms.DecimalField(label=gettext_lazy("申请金额（元）"), max_digits=12, decimal_places=2,
                                widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}))  # fmt: skip
    reason = forms.CharField(
        label=gettext_lazy("申请理由（困难情况）"), max_length=500, widget=forms.Textarea(attrs={"rows": 4})
    )


class RejectForm(forms.Form):
    reason = optional_text(gettext_lazy("不予批准理由"), max_length=200, rows=2)


class PayForm(forms.Form):
    paid_on = forms.DateField(
        label=gettext_lazy("发放日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class DepositForm(forms.Form):
    org = forms.CharField(label=gettext_lazy("工会"), max_length=100)
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(label=gettext_lazy("入账金额（元）"), max_digits=14, decimal_places=2)
    note = forms.CharField(label=gettext_lazy("资金来源（摘要）"), max_length=200)


class AllocateForm(forms.Form):
    source = forms.CharField(label=gettext_lazy("下拨单位"), max_length=100)
    target = forms.CharField(label=gettext_lazy("接收单位（下级工会全称或统一社会信用代码）"), max_length=100)
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(label=gettext_lazy("下拨金额（元）"), max_digits=14, decimal_places=2)
    note = optional_text(gettext_lazy("摘要"), max_length=200)


class BatchForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("批次名称"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("帮扶类型"), choices=_choices(c.Kind))
    amount = forms.DecimalField(label=gettext_lazy("每户金额（元）"), max_digits=12, decimal_places=2)
    within = forms.CharField(label=gettext_lazy("范围（工会全称）"), max_length=100)
    tier = forms.ChoiceField(
        label=gettext_lazy("困难类别"),
        choices=[("", gettext_lazy("全部类别")), *c.Tier.choices],
        required=False,
    )
    cause = forms.ChoiceField(
        label=gettext_lazy("主要致困原因"),
        choices=[("", gettext_lazy("全部原因")), *c.Cause.choices],
        required=False,
    )


class ReturnFileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("银行回盘文件（xlsx 或 csv）"))


class LineForm(forms.Form):
    division = forms.CharField(label=gettext_lazy("行政区划代码"), max_length=6)
    year = forms.IntegerField(
        label=gettext_lazy("年度"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    monthly = forms.DecimalField(label=gettext_lazy("低保标准（元/人·月）"), max_digits=10, decimal_places=2)
    note = optional_text(gettext_lazy("依据（文件名称）"), max_length=200)


RULE_LEVELS = [
    (v, label) for v, label in Level.choices if v in ("town", "county", "city", "industry", "province")
]


class RuleForm(forms.Form):
    level = forms.ChoiceField(label=gettext_lazy("审批层级"), choices=BLANK + RULE_LEVELS)
    limit = forms.DecimalField(
        label=gettext_lazy("审批限额（元，留空为不限）"), max_digits=12, decimal_places=2, required=False
    )
    escalate_days = forms.IntegerField(
        label=gettext_lazy("逾期上报天数"), min_value=0, max_value=365, initial=15
    )
    publicity_days = forms.IntegerField(label=gettext_lazy("公示天数"), min_value=0, max_value=30, initial=0)


class ReportForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100, required=False)
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("季度"), choices=[("", gettext_lazy("全年")), ("1", gettext_lazy("第一季度")), ("2", gettext_lazy("第二季度")), ("3", gettext_lazy("第三季度")), ("4", gettext_lazy("第四季度"))],
        required=False, coerce=int, empty_value=None,
    )  # fmt: skip
