"""The coded fields of the member register, with the spellings clerks use for them.

Value lists are the real ones (domain/FORMS.md §1, §2c, and the national standards they follow):
民族 GB 3304 codes, 学历 GB/T 4658 top-level codes, 政治面貌 / 户口类型 / 就业状态 as on the union
forms. Each list maps every accepted spelling to the stored code, for forms and importers alike.
"""

from __future__ import annotations

import unicodedata

from django.db import models


class Status(models.TextChoices):
    PENDING = "pending", "待批准"
    ACTIVE = "active", "正常"
    RETAINED = "retained", "保留会籍"
    LEFT = "left", "已退会"
    REJECTED = "rejected", "未予批准"


# A person holds at most one of these in the whole province (a partial unique index).
HOLDING = (Status.PENDING, Status.ACTIVE, Status.RETAINED)
# Counted as members (会员数): the register's figure for "两个普遍" and reports.
COUNTED = (Status.ACTIVE, Status.RETAINED)


class Sex(models.TextChoices):
    MALE = "男", "男"
    FEMALE = "女", "女"


class Ethnicity(models.TextChoices):
    """GB 3304 民族代码."""

    HAN = "01", "汉族"
    MONGOL = "02", "蒙古族"
    HUI = "03", "回族"
    TIBETAN = "04", "藏族"
    UYGHUR = "05", "维吾尔族"
    MIAO = "06", "苗族"
    YI = "07", "彝族"
    ZHUANG = "08", "壮族"
    BUYEI = "09", "布依族"
    KOREAN = "10", "朝鲜族"
    MANCHU = "11", "满族"
    DONG = "12", "侗族"
    YAO = "13", "瑶族"
    BAI = "14", "白族"
    TUJIA = "15", "土家族"
    HANI = "16", "哈尼族"
    KAZAKH = "17", "哈萨克族"
    DAI = "18", "傣族"
    LI = "19", "黎族"
    LISU = "20", "傈僳族"
    VA = "21", "佤族"
    SHE = "22", "畲族"
    GAOSHAN = "23", "高山族"
    LAHU = "24", "拉祜族"
    SUI = "25", "水族"
    DONGXIANG = "26", "东乡族"
    NAXI = "27", "纳西族"
    JINGPO = "28", "景颇族"
    KYRGYZ = "29", "柯尔克孜族"
    TU = "30", "土族"
    DAUR = "31", "达斡尔族"
    MULAO = "32", "仫佬族"
    QIANG = "33", "羌族"
    BLANG = "34", "布朗族"
    SALAR = "35", "撒拉族"
    MAONAN = "36", "毛南族"
    GELAO = "37", "仡佬族"
    XIBE = "38", "锡伯族"
    ACHANG = "39", "阿昌族"
    PUMI = "40", "普米族"
    TAJIK = "41", "塔吉克族"
    NU = "42", "怒族"
    UZBEK = "43", "乌孜别克族"
    RUSSIAN = "44", "俄罗斯族"
    EVENK = "45", "鄂温克族"
    DEANG = "46", "德昂族"
    BONAN = "47", "保安族"
    YUGUR = "48", "裕固族"
    GIN = "49", "京族"
    TATAR = "50", "塔塔尔族"
    DERUNG = "51", "独龙族"
    OROQEN = "52", "鄂伦春族"
    HEZHEN = "53", "赫哲族"
    MONBA = "54", "门巴族"
    LHOBA = "55", "珞巴族"
    JINO = "56", "基诺族"
    OTHER = "97", "其他"
    FOREIGN_ORIGIN = "98", "外国血统中国籍人士"


class Education(models.TextChoices):
    """GB/T 4658 学历, first level."""

    POSTGRADUATE = "10", "研究生"
    BACHELOR = "20", "大学本科"
    COLLEGE = "30", "大学专科"
    VOCATIONAL = "40", "中等职业教育"
    SENIOR_HIGH = "60", "普通高中"
    JUNIOR_HIGH = "70", "初中"
    PRIMARY = "80", "小学"
    OTHER = "90", "其他"


class PoliticalStatus(models.TextChoices):
    CPC = "cpc", "中共党员"
    CYL = "cyl", "共青团员"
    MASSES = "masses", "群众"
    DEMOCRATIC = "democratic", "民主党派"
    OTHER = "other", "其他"


class EmploymentStatus(models.TextChoices):
    """身份 on the union's worker forms; 农民工 is its own flag on the member."""

    ON_POST = "on_post", "在岗"
    LAID_OFF = "laid_off", "下(待)岗"
    UNEMPLOYED = "unemployed", "失(无)业"
    RETIRED = "retired", "退休"
    SICK_LEAVE = "sick_leave", "病休"
    INTERNAL_RETIRED = "internal_retired", "内退"


class HukouType(models.TextChoices):
    NON_AGRICULTURAL = "non_agri", "非农业"
    AGRICULTURAL = "agri", "农业"
    AGRI_TO_URBAN = "agri_to_urban", "农转居"


# Other spellings found in clerks' ledgers, mapped to the label they mean.
_SYNONYMS: dict[type[models.TextChoices], dict[str, str]] = {
    Education: {
        "研究生教育": "研究生", "博士": "研究生", "硕士": "研究生", "博士研究生": "研究生", "硕士研究生": "研究生",
        "本科": "大学本科", "大学本科教育": "大学本科", "大本": "大学本科",
        "大专": "大学专科", "专科": "大学专科", "大学专科教育": "大学专科",
        "中专": "中等职业教育", "中技": "中等职业教育", "技校": "中等职业教育", "职高": "中等职业教育",
        "中职": "中等职业教育", "中专/中技": "中等职业教育",
        "高中": "普通高中", "普通高级中学": "普通高中", "普通高级中学教育": "普通高中",
        "初级中学": "初中", "初中及以下": "初中", "小学及以下": "小学", "小学教育": "小学",
    },
    PoliticalStatus: {
        "党员": "中共党员", "中国共产党党员": "中共党员", "共产党员": "中共党员", "中共预备党员": "中共党员",
        "预备党员": "中共党员", "团员": "共青团员", "中国共产主义青年团团员": "共青团员",
        "民革": "民主党派", "民革党员": "民主党派", "民盟": "民主党派", "民盟盟员": "民主党派",
        "民建": "民主党派", "民建会员": "民主党派", "民进": "民主党派", "民进会员": "民主党派",
        "农工党": "民主党派", "农工党党员": "民主党派", "致公党": "民主党派", "致公党党员": "民主党派",
        "九三学社": "民主党派", "九三学社社员": "民主党派", "台盟": "民主党派", "台盟盟员": "民主党派",
        "无党派人士": "其他", "无党派": "其他",
    },
    EmploymentStatus: {
        "下岗": "下(待)岗", "待岗": "下(待)岗", "下待岗": "下(待)岗", "失业": "失(无)业", "无业": "失(无)业",
        "失无业": "失(无)业", "离退休": "退休", "离休": "退休", "内部退养": "内退", "在职": "在岗",
    },
    HukouType: {"非农": "非农业", "非农业户口": "非农业", "城镇": "非农业", "农业户口": "农业", "农村": "农业"},
}  # fmt: skip


def _key(text: str) -> str:
    # Full-width brackets and spaces typed with a Chinese IME fold to plain ones.
    return "".join(unicodedata.normalize("NFKC", text).split())


def lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    """Every accepted spelling (label, code, synonym, with or without 族) → stored value."""
    table: dict[str, str] = {}
    for value, label in choices.choices:
        table[_key(str(label))] = value
        table[value] = value
        if choices is Ethnicity and str(label).endswith("族"):
            table[str(label)[:-1]] = value
    by_label = {str(label): value for value, label in choices.choices}
    for spelling, label in _SYNONYMS.get(choices, {}).items():
        table[_key(spelling)] = by_label[label]
    return table


def parse_choice(choices: type[models.TextChoices], table: dict[str, str], raw: str) -> str | None:
    """The stored value for what a person typed, or None when it is not one of the list."""
    found = table.get(raw)
    if found is None:
        found = table.get(_key(raw))
    return found


YES = frozenset({"是", "Y", "YES", "1", "√", "✓", "TRUE", "农民工"})
NO = frozenset({"否", "N", "NO", "0", "×", "✗", "FALSE", "非农民工"})
