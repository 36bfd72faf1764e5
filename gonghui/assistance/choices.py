"""The value lists of the hardship file (domain/FORMS.md §2a–§2e), as they are on the forms."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy


class Tier(models.TextChoices):
    """困难类别 since 2021 (§2d), computed from income against the local 低保 line."""

    DEEP = "deep", gettext_lazy("深度困难")
    RELATIVE = "relative", gettext_lazy("相对困难")
    ACCIDENT = "accident", gettext_lazy("意外致困")


class Cause(models.TextChoices):
    """致困原因 (§2a): exactly one main cause and up to three secondary ones."""

    NO_CAPACITY = "1", gettext_lazy("无劳动能力")
    NOT_EMPLOYED = "2", gettext_lazy("有劳动能力而未就业")
    LAID_OFF = "3", gettext_lazy("下岗失业")
    NO_INSURANCE = "4", gettext_lazy("未参加社会保险")
    INSURANCE_GAP = "5", gettext_lazy("社会保险待遇落实不到位")
    SERIOUS_ILLNESS = "6", gettext_lazy("患重特大疾病")
    DISASTER = "7", gettext_lazy("遭受自然灾害")
    ACCIDENT = "8", gettext_lazy("遭受意外事故")
    SCHOOLING = "9", gettext_lazy("子女上学")
    OTHER = "10", gettext_lazy("其他")


class Kind(models.TextChoices):
    """帮扶类型 (§2e); several may be stacked for one household."""

    LIVING = "living", gettext_lazy("生活救助")
    MEDICAL = "medical", gettext_lazy("医疗救助")
    SCHOOLING = "schooling", gettext_lazy("子女助学（金秋助学）")
    WARMTH = "warmth", gettext_lazy("送温暖")
    VISIT = "visit", gettext_lazy("慰问")
    EMPLOYMENT = "employment", gettext_lazy("就业创业")


class Health(models.TextChoices):
    """健康状况, the newer form's list (§2c)."""

    GOOD = "良好", gettext_lazy("良好")
    CANCER = "恶性肿瘤", gettext_lazy("恶性肿瘤")
    CARDIO = "心血管病", gettext_lazy("心血管病")
    CEREBRO = "脑血管病", gettext_lazy("脑血管病")
    RENAL = "终末期肾病", gettext_lazy("终末期肾病")
    MENTAL = "精神病", gettext_lazy("精神病")
    LIVER = "肝病", gettext_lazy("肝病")
    BLOOD = "血液病", gettext_lazy("血液病")
    DIABETES = "糖尿病", gettext_lazy("糖尿病")
    TUMOUR = "肿瘤病", gettext_lazy("肿瘤病")
    SPINE = "腰颈椎病", gettext_lazy("腰颈椎病")
    HYPERTENSION = "高血压病", gettext_lazy("高血压病")
    LUNG = "肺病", gettext_lazy("肺病")
    GENERAL = "一般疾病", gettext_lazy("一般疾病")
    COMA = "深度昏迷", gettext_lazy("深度昏迷")
    PARALYSIS = "永久瘫痪", gettext_lazy("永久瘫痪")
    ALZHEIMER = "严重阿尔茨海默病", gettext_lazy("严重阿尔茨海默病")
    PARKINSON = "严重帕金森病", gettext_lazy("严重帕金森病")
    MOTOR_NEURON = "严重运动神经元病", gettext_lazy("严重运动神经元病")
    DISABLED = "残疾", gettext_lazy("残疾")


class Disability(models.TextChoices):
    VISION = "视力", gettext_lazy("视力残疾")
    HEARING = "听力", gettext_lazy("听力残疾")
    SPEECH = "言语", gettext_lazy("言语残疾")
    INTELLECT = "智力", gettext_lazy("智力残疾")
    LIMB = "肢体", gettext_lazy("肢体残疾")
    MENTAL = "精神", gettext_lazy("精神残疾")
    MULTIPLE = "多重", gettext_lazy("多重残疾")


class WorkStatus(models.TextChoices):
    """身份 / 工作状态 (§2c)."""

    ON_POST = "在岗", gettext_lazy("在岗")
    LAID_OFF = "下(待)岗", gettext_lazy("下(待)岗")
    UNEMPLOYED = "失(无)业", gettext_lazy("失(无)业")
    RETIRED = "退休", gettext_lazy("退休")
    SICK_LEAVE = "病休", gettext_lazy("病休")
    INTERNAL_RETIRED = "内退", gettext_lazy("内退")
    MIGRANT = "农民工", gettext_lazy("农民工")


class ModelWorker(models.TextChoices):
    NONE = "无", gettext_lazy("无")
    NATIONAL = "全国劳模", gettext_lazy("全国劳模")
    PROVINCIAL = "省部级劳模", gettext_lazy("省部级劳模")
    CITY = "地市级劳模", gettext_lazy("地市级劳模")
    OTHER = "其他", gettext_lazy("其他")


class Housing(models.TextChoices):
    UNIT_RENTED = "承租单位公房", gettext_lazy("承租单位公房")
    LOW_RENT = "政府廉租房", gettext_lazy("政府廉租房")
    OWNED = "自购房", gettext_lazy("自购房")
    NONE = "无房", gettext_lazy("无房")
    RENTED = "租房", gettext_lazy("租房")
    SELF_BUILT = "自建房", gettext_lazy("自建房")
    OTHER = "其他", gettext_lazy("其他")


class Marital(models.TextChoices):
    MARRIED = "已婚", gettext_lazy("已婚")
    SINGLE = "未婚", gettext_lazy("未婚")
    DIVORCED = "离异", gettext_lazy("离异")
    WIDOWED = "丧偶", gettext_lazy("丧偶")


class Hukou(models.TextChoices):
    NON_AGRICULTURAL = "非农业", gettext_lazy("非农业")
    AGRICULTURAL = "农业", gettext_lazy("农业")
    AGRI_TO_URBAN = "农转居", gettext_lazy("农转居")


class Political(models.TextChoices):
    CPC = "中共党员", gettext_lazy("中共党员")
    CYL = "共青团员", gettext_lazy("共青团员")
    MASSES = "群众", gettext_lazy("群众")
    DEMOCRATIC = "民主党派", gettext_lazy("民主党派")
    OTHER = "其他", gettext_lazy("其他")


class Insurance(models.TextChoices):
    """医保状况."""

    EMPLOYEE = "职工医保", gettext_lazy("城镇职工基本医疗保险")
    RESIDENT = "居民医保", gettext_lazy("城乡居民基本医疗保险")
    NONE = "未参保", gettext_lazy("未参加医疗保险")


class Relation(models.TextChoices):
    SPOUSE = "配偶", gettext_lazy("配偶")
    CHILD = "子女", gettext_lazy("子女")
    FATHER = "父亲", gettext_lazy("父亲")
    MOTHER = "母亲", gettext_lazy("母亲")
    GRANDCHILD = "孙子女", gettext_lazy("孙子女")
    SIBLING = "兄弟姐妹", gettext_lazy("兄弟姐妹")
    OTHER = "其他", gettext_lazy("其他")


class Identity(models.TextChoices):
    """人员身份 of a family member."""

    ON_POST = "在岗", gettext_lazy("在岗")
    UNEMPLOYED = "失(无)业", gettext_lazy("失(无)业")
    RETIRED = "退休", gettext_lazy("退休")
    STUDENT = "在校学生", gettext_lazy("在校学生")
    PRESCHOOL = "学龄前儿童", gettext_lazy("学龄前儿童")
    FARMER = "务农", gettext_lazy("务农")
    NO_CAPACITY = "无劳动能力", gettext_lazy("无劳动能力")
    OTHER = "其他", gettext_lazy("其他")


class AttachmentKind(models.TextChoices):
    DIAGNOSIS = "诊断证明", gettext_lazy("诊断证明")
    HUKOU = "户口本", gettext_lazy("户口本")
    UNIT_PROOF = "单位证明", gettext_lazy("单位证明")
    INCOME = "收入证明", gettext_lazy("收入证明")
    DISABILITY = "残疾证", gettext_lazy("残疾证")
    OTHER = "其他", gettext_lazy("其他")
