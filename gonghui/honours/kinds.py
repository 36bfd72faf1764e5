"""The honour kinds that ship with the system: the national ones and the province's. A union
adds its own (首席员工, 十佳海嫂) from the honours pages."""

from __future__ import annotations

KINDS = [
    # name, level, category, awarding body, collective
    ("全国劳动模范", "national", "model_worker", "国务院", False),
    ("全国先进工作者", "national", "model_worker", "国务院", False),
    ("全国五一劳动奖章", "national", "medal", "中华全国总工会", False),
    ("全国五一劳动奖状", "national", "certificate", "中华全国总工会", True),
    ("全国工人先锋号", "national", "pioneer", "中华全国总工会", True),
    ("省劳动模范", "provincial", "model_worker", "省人民政府", False),
    ("省先进工作者", "provincial", "model_worker", "省人民政府", False),
    ("省五一劳动奖章", "provincial", "medal", "省总工会", False),
    ("省五一劳动奖状", "provincial", "certificate", "省总工会", True),
    ("省工人先锋号", "provincial", "pioneer", "省总工会", True),
    ("市劳动模范", "city", "model_worker", "市人民政府", False),
    ("市五一劳动奖章", "city", "medal", "市总工会", False),
    ("市工人先锋号", "city", "pioneer", "市总工会", True),
]

# Who organises the selection of a shipped kind and the lowest level of union that may put a
# candidate forward: the national ones are selected by the province (which nominates to the
# national body) from candidates of the cities and 省产业工会; the province's by the province;
# a city's by a city.
LEVELS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        ("全国劳动模范", "全国先进工作者", "全国五一劳动奖章", "全国五一劳动奖状", "全国工人先锋号"),
        ("province", "city"),
    ),
    **dict.fromkeys(
        ("省劳动模范", "省先进工作者", "省五一劳动奖章", "省五一劳动奖状", "省工人先锋号"), ("province", "")
    ),
    **dict.fromkeys(("市劳动模范", "市五一劳动奖章", "市工人先锋号"), ("city", "")),
}


def catalogue_ensure() -> None:
    """Put the shipped kinds in place (a migration does it; an emptied database needs it again)."""
    from .models import HonourKind

    for order, (name, level, category, body, collective) in enumerate(KINDS, start=1):
        HonourKind.objects.get_or_create(
            org=None, name=name,
            defaults={"level": level, "category": category, "awarding_body": body, "collective": collective,
                      "order": order, "organiser_level": LEVELS[name][0], "nominator_level": LEVELS[name][1]},
        )  # fmt: skip
