"""The lists a job fair's forms choose from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy

from gonghui.kernel.codes import INDUSTRIES

INDUSTRY_CHOICES = [(code, f"{code} {name}") for code, name in INDUSTRIES.items()]


class FairKind(models.TextChoices):
    SPRING = "spring", gettext_lazy("春风行动")
    FOUR = "four", gettext_lazy("四送活动")
    SPECIAL = "special", gettext_lazy("专场招聘会")
    ONLINE = "online", gettext_lazy("网络招聘会")
    OTHER = "other", gettext_lazy("其他")


# The skills people write on a fair's cards (certificates and trades). A seeker ticks theirs and
# a position the ones it asks for; the matching score counts the overlap. At most 64 (one bit
# each in the matcher).
SKILLS: tuple[str, ...] = (
    "普工", "装配", "电子组装", "注塑", "数控车床", "焊工证", "电工证", "叉车证", "质检",
    "仓储物流", "快递分拣", "驾驶C1", "驾驶A2/B2", "厨师", "面点", "餐厅服务", "保洁", "家政",
    "育婴", "养老护理", "保安", "缝纫", "裁剪", "水电安装", "木工", "砌筑", "钢筋", "油漆",
    "电脑操作", "文员", "销售", "客服", "收银", "汽车维修", "模具", "包装", "印刷", "美容美发",
)  # fmt: skip
SKILL_CHOICES = [(s, s) for s in SKILLS]
