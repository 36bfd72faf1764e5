from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.core.models import AuditEntry
from gonghui.targets import actions
from gonghui.targets.models import Direction, Measure, Target

from ..factories import YEAR, indicator_in, target_in


def test_a_city_sets_a_target_from_the_province_catalogue(tree, personas):
    indicator = indicator_in(tree.province, name="新增会员", unit="人")
    target = actions.target_set(
        actor=personas.city, org=tree.guangzhou, indicator=indicator, year=YEAR, value="12,000",
        owner_name="李建华", milestones=[20, 45, 75, 100],
    )  # fmt: skip
    assert target.value == Decimal("12000.00") and target.quarter_milestones == [20, 45, 75, 100]
    entry = AuditEntry.objects.get(action="targets.target.set", object_id=str(target.pk))
    assert entry.detail["owner"] == "李建华"


def test_a_catalogue_of_another_branch_cannot_be_used(tree, personas):
    indicator = indicator_in(tree.shenzhen, name="深圳指标")
    with pytest.raises(ValidationError) as exc:
        actions.target_set(
            actor=None, org=tree.guangzhou, indicator=indicator, year=YEAR, value="1", owner_name="甲"
        )
    assert "指标库" in str(exc.value)


def test_one_target_per_indicator_union_and_year(tree):
    target = target_in(tree.haizhu)
    with pytest.raises(ValidationError):
        actions.target_set(
            actor=None, org=tree.haizhu, indicator=target.indicator, year=YEAR, value="5", owner_name="乙"
        )


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("value", {"value": "-3"}),
        ("value", {"value": "十"}),
        ("milestones", {"milestones": [50, 40, 75, 100]}),
        ("milestones", {"milestones": [25, 50, 75, 90]}),
        ("red_margin", {"yellow_margin": "30", "red_margin": "20"}),
    ],
)
def test_bad_figures_are_refused_in_chinese(tree, field, values):
    kwargs = {"value": "10", **values}
    with pytest.raises(ValidationError) as exc:
        actions.target_set(
            actor=None,
            org=tree.haizhu,
            indicator=indicator_in(tree.haizhu),
            year=YEAR,
            owner_name="丙",
            **kwargs,
        )
    assert field in exc.value.message_dict
    assert not Target.objects.filter(org=tree.haizhu).exists()


def test_a_street_cannot_set_targets_for_its_district(tree, personas):
    with pytest.raises(PermissionDenied):
        actions.target_set(
            actor=personas.street, org=tree.haizhu, indicator=indicator_in(tree.haizhu), year=YEAR,
            value="10", owner_name="丁",
        )  # fmt: skip


def test_split_parts_must_add_up_to_the_whole(tree, personas):
    whole = target_in(tree.haizhu, value="100")
    short = [actions.Share(tree.street.pk, "40", "王芳"), actions.Share(tree.sibling_street.pk, "50", "刘洋")]
    with pytest.raises(ValidationError) as exc:
        actions.target_cascade(actor=personas.district, target=whole, shares=short)
    assert "少于本级目标" in str(exc.value) and not whole.children.exists()

    parts = actions.target_cascade(
        actor=personas.district,
        target=whole,
        shares=[
            actions.Share(tree.street.pk, "45", "王芳"),
            actions.Share(tree.sibling_street.pk, "55", "刘洋"),
        ],
    )
    assert sorted((p.org.name, p.value, p.owner_name) for p in parts) == [
        ("新港街道总工会", Decimal("55.00"), "刘洋"),
        ("赤岗街道总工会", Decimal("45.00"), "王芳"),
    ]
    assert sum(c.value for c in whole.children.all()) == whole.value
    assert all(c.parent_id == whole.pk and c.quarter_milestones == whole.quarter_milestones for c in parts)


def test_lower_is_better_parts_may_not_exceed_the_whole(tree):
    indicator = indicator_in(tree.haizhu, name="欠薪群体性事件", unit="起", direction=Direction.LOWER)
    whole = target_in(tree.haizhu, indicator=indicator, value="4")
    with pytest.raises(ValidationError):
        actions.target_cascade(
            actor=None, target=whole,
            shares=[actions.Share(tree.street.pk, "3"), actions.Share(tree.sibling_street.pk, "2")],
        )  # fmt: skip


def test_a_rate_is_split_without_a_sum(tree):
    indicator = indicator_in(tree.haizhu, name="建会率", unit="%", measure=Measure.LEVEL)
    whole = target_in(tree.haizhu, indicator=indicator, value="90", baseline="85")
    parts = actions.target_cascade(
        actor=None, target=whole,
        shares=[actions.Share(tree.street.pk, "92"), actions.Share(tree.sibling_street.pk, "88")],
    )  # fmt: skip
    assert {p.value for p in parts} == {Decimal("92.00"), Decimal("88.00")}


def test_only_unions_directly_below_take_a_part(tree):
    whole = target_in(tree.haizhu, value="10")
    with pytest.raises(ValidationError):
        actions.target_cascade(actor=None, target=whole, shares=[actions.Share(tree.grassroots.pk, "10")])


def test_splitting_again_changes_the_parts(tree):
    whole = target_in(tree.haizhu, value="10")
    actions.target_cascade(actor=None, target=whole, shares=[actions.Share(tree.street.pk, "10", "王芳")])
    actions.target_cascade(
        actor=None, target=whole,
        shares=[actions.Share(tree.street.pk, "6"), actions.Share(tree.sibling_street.pk, "6", "刘洋")],
    )  # fmt: skip
    street = Target.objects.get(parent=whole, org=tree.street)
    assert street.value == Decimal("6.00") and street.owner_name == "王芳"
    assert whole.children.count() == 2
