"""A skills competition: items weighing 100%, entrants of the participating unions, scores, the
ranking computed from them (equal totals share a place) and the awards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gonghui.targets import actions
from gonghui.targets.abilities import competition_abilities
from gonghui.targets.models import Competition, Entrant
from gonghui.tests.contract import assert_abilities_agree

from .factories import competition_in


def make_competition(org, actor=None):  # type: ignore[no-untyped-def]
    c = actions.competition_create(
        actor=actor, org=org, name="海珠区第五届职工职业技能竞赛（电工）", kind="skills",
        starts_on="2025-04-01", ends_on="2025-05-30",
    )  # fmt: skip
    actions.item_add(actor=actor, competition=c, name="理论知识", weight="30")
    actions.item_add(actor=actor, competition=c, name="实际操作", weight="70", max_score="200")
    return c


def _kind(name: str = "市五一劳动奖章"):  # type: ignore[no-untyped-def]
    from gonghui.honours.kinds import catalogue_ensure
    from gonghui.honours.models import HonourKind

    catalogue_ensure()
    return HonourKind.objects.get(org=None, name=name)


def closed_competition(tree, actor=None):  # type: ignore[no-untyped-def]
    c = make_competition(tree.haizhu, actor)
    scores = {"陈刚": (tree.sibling_street, "100", "190"), "李明": (tree.street, "90", "180"),
              "王强": (tree.street, "60", "120")}  # fmt: skip
    entrants = {n: actions.entrant_add(actor=actor, competition=c, org=o, name=n, work_unit=f"{n}的单位")
                for n, (o, _a, _b) in scores.items()}  # fmt: skip
    actions.competition_start(actor=actor, competition=c)
    items = {i.name: i.pk for i in c.items.all()}
    for n, (_o, a, b) in scores.items():
        actions.scores_record(
            actor=actor, entrant=entrants[n], scores={items["理论知识"]: a, items["实际操作"]: b}
        )
    return actions.competition_close(actor=actor, competition=c, awards=[1, 1, 1])


def test_the_winners_are_recorded_in_the_honour_register_once(tree, personas):
    from gonghui.honours.models import Honour

    c = closed_competition(tree, personas.district)
    assert competition_abilities(personas.district, c).honour
    made = actions.competition_honour(
        actor=personas.district, competition=c, kind=_kind(), awards=["first", "second"], awarded_on="2025-06-01",
        doc_no="海工〔2025〕8号",
    )  # fmt: skip
    assert [(h.name, h.title, h.org, h.unit) for h in made] == [
        ("陈刚", "市五一劳动奖章", tree.sibling_street, "陈刚的单位"),
        ("李明", "市五一劳动奖章", tree.street, "李明的单位"),
    ]
    assert "一等奖" in Honour.objects.get(name="陈刚").note
    assert Entrant.objects.get(competition=c, name="陈刚").honour == made[0]
    with pytest.raises(ValidationError) as exc:
        actions.competition_honour(
            actor=personas.district, competition=c, kind=_kind(), awards=["first"], awarded_on="2025-06-01"
        )
    assert "都已记入荣誉档案" in str(exc.value)
    third = actions.competition_honour(
        actor=personas.district, competition=c, kind=_kind(), awards=["third"], awarded_on="2025-06-01"
    )
    assert [h.name for h in third] == ["王强"]
    assert not competition_abilities(personas.district, c).honour  # every winner is recorded


def test_the_results_download_as_a_marked_spreadsheet(tree, personas, login):
    import io

    from python_calamine import CalamineWorkbook

    c = closed_competition(tree, personas.district)
    r = login(personas.district).get(f"/targets/competitions/{c.pk}/export/")
    assert r.status_code == 200
    data = b"".join(r.streaming_content)  # type: ignore[attr-defined]
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    text = [[str(v) for v in row] for row in sheet]
    assert text[0][0].startswith(f"导出人：{personas.district.display_name}")  # the watermark
    body = [row for row in text if row and row[1] in ("陈刚", "李明", "王强")]
    assert [row[1] for row in body] == ["陈刚", "李明", "王强"] and body[0][-1] == "一等奖"
    assert login(personas.sibling).get(f"/targets/competitions/{c.pk}/export/").status_code in (403, 404)


def test_the_ranking_and_awards_follow_the_weighted_scores(tree, personas):
    c = make_competition(tree.haizhu, personas.district)
    people = {
        "李明": (tree.street, {"理论知识": "90", "实际操作": "180"}),  # 27 + 63 = 90.00
        "陈刚": (tree.sibling_street, {"理论知识": "80", "实际操作": "190"}),  # 24 + 66.5 = 90.50
        "王强": (tree.street, {"理论知识": "100", "实际操作": "171.43"}),  # 30 + 60.00 = 90.00
        "黄伟": (tree.haizhu, {"理论知识": "60", "实际操作": "120"}),  # 18 + 42 = 60.00
    }
    entrants = {
        n: actions.entrant_add(actor=personas.district, competition=c, org=o, name=n)
        for n, (o, _) in people.items()
    }
    with pytest.raises(ValidationError):
        actions.scores_record(actor=personas.district, entrant=entrants["李明"], scores={})  # not scoring yet
    actions.competition_start(actor=personas.district, competition=c)
    items = {i.name: i.pk for i in c.items.all()}
    with pytest.raises(ValidationError) as exc:
        actions.scores_record(
            actor=personas.district, entrant=entrants["李明"], scores={items["理论知识"]: "101"}
        )
    assert "满分" in str(exc.value)
    for name, (_o, scores) in people.items():
        if name != "黄伟":
            actions.scores_record(
                actor=personas.district,
                entrant=entrants[name],
                scores={items[k]: v for k, v in scores.items()},
            )
    with pytest.raises(ValidationError) as exc:
        actions.competition_close(actor=personas.district, competition=c, awards=[1, 1, 1])
    assert "尚有2项得分未录入" in str(exc.value)
    actions.scores_record(
        actor=personas.district,
        entrant=entrants["黄伟"],
        scores={items[k]: v for k, v in people["黄伟"][1].items()},
    )
    actions.competition_close(actor=personas.district, competition=c, awards=[1, 1, 1])

    ranked = [
        (e.rank, e.name, e.total, e.award)
        for e in Entrant.objects.filter(competition=c).order_by("rank", "id")
    ]
    assert ranked == [
        (1, "陈刚", Decimal("90.50"), "first"),
        (2, "李明", Decimal("90.00"), "second"),
        (2, "王强", Decimal("90.00"), "second"),
        (4, "黄伟", Decimal("60.00"), ""),
    ]
    assert Competition.objects.get(pk=c.pk).state == "closed"


def test_weights_must_add_up_to_a_hundred_before_scoring(tree):
    c = actions.competition_create(
        actor=None,
        org=tree.haizhu,
        name="劳动竞赛",
        kind="labour",
        starts_on="2025-04-01",
        ends_on="2025-12-31",
    )
    actions.item_add(actor=None, competition=c, name="进度", weight="60")
    with pytest.raises(ValidationError):
        actions.item_add(actor=None, competition=c, name="质量", weight="50")
    actions.entrant_add(actor=None, competition=c, org=tree.street, name="赤岗街道代表队")
    with pytest.raises(ValidationError) as exc:
        actions.competition_start(actor=None, competition=c)
    assert "权重合计应为100%" in str(exc.value)
    with pytest.raises(ValidationError):
        actions.entrant_add(
            actor=None, competition=c, org=tree.luohu, name="罗湖队"
        )  # not a participating union
    with pytest.raises(ValidationError):
        actions.competition_create(
            actor=None, org=tree.haizhu, name="x", kind="skills", starts_on="2025-05-01", ends_on="2025-04-01"
        )


def test_competition_abilities_agree_with_the_actions(tree, personas):
    draft = make_competition(tree.haizhu)
    scoring = make_competition(tree.street)
    entrant = actions.entrant_add(actor=None, competition=scoring, org=tree.street, name="张敏")
    actions.competition_start(actor=None, competition=scoring)
    done = make_competition(tree.sibling_street)
    other = actions.entrant_add(actor=None, competition=done, org=tree.sibling_street, name="刘洋")
    actions.competition_start(actor=None, competition=done)
    items = {i.name: i.pk for i in done.items.all()}
    actions.scores_record(
        actor=None, entrant=other, scores={items["理论知识"]: "80", items["实际操作"]: "150"}
    )
    unscored = competition_in(tree.grassroots)

    def score(actor, c):  # type: ignore[no-untyped-def]
        e = c.entrants.first() or Entrant(competition=c, org=c.org, name="临时")
        first = c.items.first()
        return actions.scores_record(actor=actor, entrant=e, scores={first.pk: "50"} if first else {})

    assert_abilities_agree(
        actors=personas.items(), records=[draft, scoring, done, unscored], abilities=competition_abilities,
        attempts={
            "add_item": lambda actor, c: actions.item_add(actor=actor, competition=c, name="安全文明", weight="0.5"),
            "add_entrant": lambda actor, c: actions.entrant_add(actor=actor, competition=c, org=c.org, name="新选手"),
            "score": score,
            "start": lambda actor, c: actions.competition_start(actor=actor, competition=c),
            "close": lambda actor, c: actions.competition_close(actor=actor, competition=c),
            "honour": lambda actor, c: actions.competition_honour(
                actor=actor, competition=c, kind=_kind(), awards=["first"], awarded_on="2025-06-01"
            ),
            "export": lambda actor, c: actions.competition_export_record(actor=actor, competition=c),
        },
    )  # fmt: skip
    assert entrant.pk


def test_a_competition_is_run_through_the_pages(tree, personas, login):
    client = login(personas.district)
    r = client.post(
        f"/targets/competitions/new/?org={tree.haizhu.pk}",
        {"name": "海珠区职工技能竞赛", "kind": "skills", "starts_on": "2025-04-01", "ends_on": "2025-05-30"},
    )
    c = Competition.objects.get(name="海珠区职工技能竞赛")
    assert r.status_code == 302
    assert (
        client.post(
            f"/targets/competitions/{c.pk}/items/", {"name": "实操", "weight": "100", "max_score": "100"}
        ).status_code
        == 302
    )
    r = client.post(f"/targets/competitions/{c.pk}/entrants/", {"org": tree.luohu.pk, "name": "罗湖队"})
    assert r.status_code == 422 and not c.entrants.exists()
    assert (
        client.post(
            f"/targets/competitions/{c.pk}/entrants/", {"org": tree.street.pk, "name": "李明"}
        ).status_code
        == 302
    )
    assert client.post(f"/targets/competitions/{c.pk}/start/").status_code == 302
    entrant = c.entrants.get()
    item = c.items.get()
    assert (
        client.post(
            f"/targets/competitions/entrants/{entrant.pk}/scores/", {f"item_{item.pk}": "120"}
        ).status_code
        == 422
    )
    assert (
        client.post(
            f"/targets/competitions/entrants/{entrant.pk}/scores/", {f"item_{item.pk}": "95"}
        ).status_code
        == 302
    )
    assert (
        client.post(f"/targets/competitions/{c.pk}/close/", {"first": 1, "second": 0, "third": 0}).status_code
        == 302
    )
    page = client.get(f"/targets/competitions/{c.pk}/").content.decode()
    assert "一等奖" in page and "95.00" in page
    assert login(personas.sibling).get(f"/targets/competitions/{c.pk}/").status_code == 403
    assert dt.date(2025, 4, 1) == Competition.objects.get(pk=c.pk).starts_on
