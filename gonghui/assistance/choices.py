"""The value lists of the hardship file (domain/FORMS.md §2a–§2e), as they are on the forms."""

from __future__ import annotations

from django.db import models


class Tier(models.TextChoices):
    """困难类别 since 2021 (§2d), computed from income against the local 低保 line."""

    DEEP = "deep", "深度困难"
    RELATIVE = "relative", "相对困难"
    ACCIDENT = "accident", "意外致困"


class Cause(models.TextChoices):
    """致困原因 (§2a): exactly one main cause and up to three secondary ones."""

    NO_CAPACITY = "1", "无劳动能力"
    NOT_EMPLOYED = "2", "有劳动能力而未就业"
    LAID_OFF = "3", "下岗失业"
    NO_INSURANCE = "4", "未参加社会保险"
    INSURANCE_GAP = "5", "社会保险待遇落实不到位"
    SERIOUS_ILLNESS = "6", "患重特大疾病"
    DISASTER = "7", "遭受自然灾害"
    ACCIDENT = "8", "遭受意外事故"
    SCHOOLING = "9", "子女上学"
    OTHER = "10", "其他"


class Kind(models.TextChoices):
    """帮扶类型 (§2e); several may be stacked for one household."""

    LIVING = "living", "生活救助"
    MEDICAL = "medical", "医疗救助"
    SCHOOLING = "schooling", "子女助学（金秋助学）"
    WARMTH = "warmth", "送温暖"
    VISIT = "visit", "慰问"
    EMPLOYMENT = "employment", "就业创业"


class Health(models.TextChoices):
    """健康状况, the newer form's list (§2c)."""

    GOOD = "良好", "良好"
    CANCER = "恶性肿瘤", "恶性肿瘤"
    CARDIO = "心血管病", "心血管病"
    CEREBRO = "脑血管病", "脑血管病"
    RENAL = "终末期肾病", "终末期肾病"
    MENTAL = "精神病", "精神病"
    LIVER = "肝病", "肝病"
    BLOOD = "血液病", "血液病"
    DIABETES = "糖尿病", "糖尿病"
    TUMOUR = "肿瘤病", "肿瘤病"
    SPINE = "腰颈椎病", "腰颈椎病"
    HYPERTENSION = "高血压病", "高血压病"
    LUNG = "肺病", "肺病"
    GENERAL = "一般疾病", "一般疾病"
    COMA = "深度昏迷", "深度昏迷"
    PARALYSIS = "永久瘫痪", "永久瘫痪"
    ALZHEIMER = "严重阿尔茨海默病", "严重阿尔茨海默病"
    PARKINSON = "严重帕金森病", "严重帕金森病"
    MOTOR_NEURON = "严重运动神经元病", "严重运动神经元病"
    DISABLED = "残疾", "残疾"


class Disability(models.TextChoices):
    VISION = "视力", "视力残疾"
    HEARING = "听力", "听力残疾"
    SPEECH = "言语", "言语残疾"
    INTELLECT = "智力", "智力残疾"
    LIMB = "肢体", "肢体残疾"
    MENTAL = "精神", "精神残疾"
    MULTIPLE = "多重", "多重残疾"


class WorkStatus(models.TextChoices):
    """身份 / 工作状态 (§2c)."""

    ON_POST = "在岗", "在岗"
    LAID_OFF = "下(待)岗", "下(待)岗"
    UNEMPLOYED = "失(无)业", "失(无)业"
    RETIRED = "退休", "退休"
    SICK_LEAVE = "病休", "病休"
    INTERNAL_RETIRED = "内退", "内退"
    MIGRANT = "农民工", "农民工"


class ModelWorker(models.TextChoices):
    NONE = "无", "无"
    NATIONAL = "全国劳模", "全国劳模"
    PROVINCIAL = "省部级劳模", "省部级劳模"
    CITY = "地市级劳模", "地市级劳模"
    OTHER = "其他", "其他"


class Housing(models.TextChoices):
    UNIT_RENTED = "承租单位公房", "承租单位公房"
    LOW_RENT = "政府廉租房", "政府廉租房"
    OWNED = "自购房", "自购房"
    NONE = "无房", "无房"
    RENTED = "租房", "租房"
    SELF_BUILT = "自建房", "自建房"
    OTHER = "其他", "其他"


class Marital(models.TextChoices):
    MARRIED = "已婚", "已婚"
    SINGLE = "未婚", "未婚"
    DIVORCED = "离异", "离异"
    WIDOWED = "丧偶", "丧偶"


class Hukou(models.TextChoices):
    NON_AGRICULTURAL = "非农业", "非农业"
    AGRICULTURAL = "农业", "农业"
    AGRI_TO_URBAN = "农转居", "农转居"


class Political(models.TextChoices):
    CPC = "中共党员", "中共党员"
    CYL = "共青团员", "共青团员"
    MASSES = "群众", "群众"
    DEMOCRATIC = "民主党派", "民主党派"
    OTHER = "其他", "其他"


class Insurance(models.TextChoices):
    """医保状况."""

    EMPLOYEE = "职工医保", "城镇职工基本医疗保险"
    RESIDENT = "居民医保", "城乡居民基本医疗保险"
    NONE = "未参保", "未参加医疗保险"


class Relation(models.TextChoices):
    SPOUSE = "配偶", "配偶"
    CHILD = "子女", "子女"
    FATHER = "父亲", "父亲"
    MOTHER = "母亲", "母亲"
    GRANDCHILD = "孙子女", "孙子女"
    SIBLING = "兄弟姐妹", "兄弟姐妹"
    OTHER = "其他", "其他"


class Identity(models.TextChoices):
    """人员身份 of a family member."""

    ON_POST = "在岗", "在岗"
    UNEMPLOYED = "失(无)业", "失(无)业"
    RETIRED = "退休", "退休"
    STUDENT = "在校学生", "在校学生"
    PRESCHOOL = "学龄前儿童", "学龄前儿童"
    FARMER = "务农", "务农"
    NO_CAPACITY = "无劳动能力", "无劳动能力"
    OTHER = "其他", "其他"


class AttachmentKind(models.TextChoices):
    DIAGNOSIS = "诊断证明", "诊断证明"
    HUKOU = "户口本", "户口本"
    UNIT_PROOF = "单位证明", "单位证明"
    INCOME = "收入证明", "收入证明"
    DISABILITY = "残疾证", "残疾证"
    OTHER = "其他", "其他"
