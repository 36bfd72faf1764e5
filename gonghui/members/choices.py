"""The coded fields of the member register, with the spellings clerks use for them.

Value lists are the real ones (domain/FORMS.md §1, §2c, and the national standards they follow):
民族 GB 3304 codes, 学历 GB/T 4658 top-level codes, 政治面貌 / 户口类型 / 就业状态 as on the union
forms. Each list maps every accepted spelling to the stored code, for forms and importers alike.
"""

from __future__ import annotations

import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy


class Status(models.TextChoices):
    PENDING = "pending", gettext_lazy("待批准")
    ACTIVE = "active", gettext_lazy("正常")
    RETAINED = "retained", gettext_lazy("保留会籍")
    LEFT = "left", gettext_lazy("已退会")
    REJECTED = "rejected", gettext_lazy("未予批准")


# A person holds at most one of these in the whole province (a partial unique index).
HOLDING = (Status.PENDING, Status.ACTIVE, Status.RETAINED)
# Counted as members (会员数): the register's figure for "两个普遍" and reports.
COUNTED = (Status.ACTIVE, Status.RETAINED)


class Sex(models.TextChoices):
    MALE = "男", gettext_lazy("男")
    FEMALE = "女", gettext_lazy("女")


class Ethnicity(models.TextChoices):
    """GB 3304 民族代码."""

    HAN = "01", gettext_lazy("汉族")
    MONGOL = "02", gettext_lazy("蒙古族")
    HUI = "03", gettext_lazy("回族")
    TIBETAN = "04", gettext_lazy("藏族")
    UYGHUR = "05", gettext_lazy("维吾尔族")
    MIAO = "06", gettext_lazy("苗族")
    YI = "07", gettext_lazy("彝族")
    ZHUANG = "08", gettext_lazy("壮族")
    BUYEI = "09", gettext_lazy("布依族")
    KOREAN = "10", gettext_lazy("朝鲜族")
    MANCHU = "11", gettext_lazy("满族")
    DONG = "12", gettext_lazy("侗族")
    YAO = "13", gettext_lazy("瑶族")
    BAI = "14", gettext_lazy("白族")
    TUJIA = "15", gettext_lazy("土家族")
    HANI = "16", gettext_lazy("哈尼族")
    KAZAKH = "17", gettext_lazy("哈萨克族")
    DAI = "18", gettext_lazy("傣族")
    LI = "19", gettext_lazy("黎族")
    LISU = "20", gettext_lazy("傈僳族")
    VA = "21", gettext_lazy("佤族")
    SHE = "22", gettext_lazy("畲族")
    GAOSHAN = "23", gettext_lazy("高山族")
    LAHU = "24", gettext_lazy("拉祜族")
    SUI = "25", gettext_lazy("水族")
    DONGXIANG = "26", gettext_lazy("东乡族")
    NAXI = "27", gettext_lazy("纳西族")
    JINGPO = "28", gettext_lazy("景颇族")
    KYRGYZ = "29", gettext_lazy("柯尔克孜族")
    TU = "30", gettext_lazy("土族")
    DAUR = "31", gettext_lazy("达斡尔族")
    MULAO = "32", gettext_lazy("仫佬族")
    QIANG = "33", gettext_lazy("羌族")
    BLANG = "34", gettext_lazy("布朗族")
    SALAR = "35", gettext_lazy("撒拉族")
    MAONAN = "36", gettext_lazy("毛南族")
    GELAO = "37", gettext_lazy("仡佬族")
    XIBE = "38", gettext_lazy("锡伯族")
    ACHANG = "39", gettext_lazy("阿昌族")
    PUMI = "40", gettext_lazy("普米族")
    TAJIK = "41", gettext_lazy("塔吉克族")
    NU = "42", gettext_lazy("怒族")
    UZBEK = "43", gettext_lazy("乌孜别克族")
    RUSSIAN = "44", gettext_lazy("俄罗斯族")
    EVENK = "45", gettext_lazy("鄂温克族")
    DEANG = "46", gettext_lazy("德昂族")
    BONAN = "47", gettext_lazy("保安族")
    YUGUR = "48", gettext_lazy("裕固族")
    GIN = "49", gettext_lazy("京族")
    TATAR = "50", gettext_lazy("塔塔尔族")
    DERUNG = "51", gettext_lazy("独龙族")
    OROQEN = "52", gettext_lazy("鄂伦春族")
    HEZHEN = "53", gettext_lazy("赫哲族")
    MONBA = "54", gettext_lazy("门巴族")
    LHOBA = "55", gettext_lazy("珞巴族")
    JINO = "56", gettext_lazy("基诺族")
    OTHER = "97", gettext_lazy("其他")
    FOREIGN_ORIGIN = "98", gettext_lazy("外国血统中国籍人士")


class Education(models.TextChoices):
    """GB/T 4658 学历, first level."""

    POSTGRADUATE = "10", gettext_lazy("研究生")
    BACHELOR = "20", gettext_lazy("大学本科")
    COLLEGE = "30", gettext_lazy("大学专科")
    VOCATIONAL = "40", gettext_lazy("中等职业教育")
    SENIOR_HIGH = "60", gettext_lazy("普通高中")
    JUNIOR_HIGH = "70", gettext_lazy("初中")
    PRIMARY = "80", gettext_lazy("小学")
    OTHER = "90", gettext_lazy("其他")


class PoliticalStatus(models.TextChoices):
    CPC = "cpc", gettext_lazy("中共党员")
    CYL = "cyl", gettext_lazy("共青团员")
    MASSES = "masses", gettext_lazy("群众")
    DEMOCRATIC = "democratic", gettext_lazy("民主党派")
    OTHER = "other", gettext_lazy("其他")


class EmploymentStatus(models.TextChoices):
    """身份 on the union's worker forms; 农民工 is its own flag on the member."""

    ON_POST = "on_post", gettext_lazy("在岗")
    LAID_OFF = "laid_off", gettext_lazy("下(待)岗")
    UNEMPLOYED = "unemployed", gettext_lazy("失(无)业")
    RETIRED = "retired", gettext_lazy("退休")
    SICK_LEAVE = "sick_leave", gettext_lazy("病休")
    INTERNAL_RETIRED = "internal_retired", gettext_lazy("内退")


class HukouType(models.TextChoices):
    NON_AGRICULTURAL = "non_agri", gettext_lazy("非农业")
    AGRICULTURAL = "agri", gettext_lazy("农业")
    AGRI_TO_URBAN = "agri_to_urban", gettext_lazy("农转居")


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
