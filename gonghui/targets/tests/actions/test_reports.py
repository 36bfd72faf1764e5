from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.accounts.models import User
from gonghui.core.models import AuditEntry
from gonghui.targets import actions
from gonghui.targets.models import Correction, Flag, Origin, Report, Target, Warning

from ..factories import YEAR, target_in


def split(tree, whole: Target) -> tuple[Target, Target]:  # type: ignore[no-untyped-def]
    actions.target_cascade(
        actor=None,
        target=whole,
        shares=[
            actions.Share(tree.street.pk, "60", "王芳"),
            actions.Share(tree.sibling_street.pk, "60", "刘洋"),
        ],
    )
    return Target.objects.get(parent=whole, org=tree.street), Target.objects.get(
        parent=whole, org=tree.sibling_street
    )


def test_a_value_behind_its_milestone_turns_red_and_tells_owner_and_superior(tree, personas, outbox, today):
    whole = target_in(tree.haizhu, value="120")
    Target.objects.filter(pk=whole.pk).update(owner=personas.district)
    street, _ = split(tree, Target.objects.get(pk=whole.pk))
    # 60 a year, 25% by March: 5 due by January's end; 3 is 60% of the way: red (behind by 40 > 20).
    actions.report_submit(actor=personas.street, target=street, month=1, value="3", evidence="新建工会3家")
    street.refresh_from_db()
    assert (street.actual, street.completion, street.flag) == (Decimal("3.00"), Decimal("60.00"), Flag.RED)
    warning = Warning.objects.get(target=street)
    assert warning.level == Flag.RED and "王芳" in warning.told and "陈志强" in warning.told
    about_street = [n for n in outbox if n.text.startswith("赤岗街道总工会")]
    assert {n.to_name for n in about_street} == {"王芳", "陈志强"}
    assert personas.district.pk in {n.user_id for n in about_street}
    assert "红色预警" in about_street[0].text
    # The district's whole (3 of 10 due) is red too: its owner and the city's officers are told.
    about_whole = [n for n in outbox if n.text.startswith("广州市海珠区总工会")]
    assert {n.to_name for n in about_whole} == {"陈志强", "city_user"}
    assert AuditEntry.objects.filter(action="targets.target.warn", object_id=str(street.pk)).exists()


def test_a_correction_with_a_reason_clears_the_flag_and_keeps_the_history(tree, personas, outbox, today):
    target = target_in(tree.street, value="120")
    report = actions.report_submit(actor=personas.street, target=target, month=1, value="2")
    assert Target.objects.get(pk=target.pk).flag == Flag.RED
    with pytest.raises(ValidationError) as exc:
        actions.report_correct(actor=personas.street, report=report, value="10", reason="")
    assert "reason" in exc.value.message_dict
    actions.report_correct(actor=personas.street, report=report, value="10", reason="漏报新港片区3家")
    target.refresh_from_db()
    assert target.flag == Flag.GREEN and target.actual == Decimal("10.00")
    history = Correction.objects.get(report=report)
    assert (history.before, history.after, history.reason) == (
        Decimal("2.00"),
        Decimal("10.00"),
        "漏报新港片区3家",
    )
    entry = AuditEntry.objects.get(action="targets.report.correct")
    assert entry.detail["before"] == "2.00" and entry.detail["after"] == "10.00"


def test_a_month_is_reported_once(tree, personas, today):
    target = target_in(tree.street)
    actions.report_submit(actor=personas.street, target=target, month=1, value="10")
    with pytest.raises(ValidationError) as exc:
        actions.report_submit(actor=personas.street, target=target, month=1, value="12")
    assert "更正" in str(exc.value)


def test_a_month_that_has_not_begun_cannot_be_reported(tree, personas, today):
    target = target_in(tree.street)
    with pytest.raises(ValidationError):
        actions.report_submit(actor=personas.street, target=target, month=4, value="10")


def test_a_report_after_the_fifth_of_the_next_month_is_late(tree, personas, today):
    target = target_in(tree.street)
    on_time = actions.report_submit(actor=None, target=target, month=1, value="10", on=dt.date(YEAR, 2, 5))
    late = actions.report_submit(actor=None, target=target, month=2, value="20", on=dt.date(YEAR, 3, 6))
    assert (on_time.late, late.late) == (False, True)


def test_the_parts_roll_up_into_the_whole(tree, personas, today):
    whole = target_in(tree.haizhu, value="120")
    street, sibling = split(tree, whole)
    actions.report_submit(actor=personas.street, target=street, month=1, value="6")
    actions.report_submit(actor=personas.sibling, target=sibling, month=1, value="4")
    rolled = Report.objects.get(target=whole, month=1)
    assert (rolled.value, rolled.origin) == (Decimal("10.00"), Origin.ROLLED)
    whole.refresh_from_db()
    assert whole.completion == Decimal("100.00") and whole.flag == Flag.GREEN
    with pytest.raises(ValidationError) as exc:
        actions.report_submit(actor=personas.district, target=whole, month=2, value="1")
    assert "下级报送汇总" in str(exc.value)


def test_nobody_reports_outside_their_subtree(tree, personas, today):
    target = target_in(tree.street)
    for actor in (personas.sibling, personas.grassroots, personas.member):
        with pytest.raises(PermissionDenied):
            actions.report_submit(actor=actor, target=target, month=1, value="1")


def test_a_yellow_target_turning_red_warns_again(tree, personas, outbox, today):
    target = target_in(tree.street, value="120")  # 10 due by January, 20 by February
    actions.report_submit(actor=None, target=target, month=1, value="8.5")  # 85%: yellow
    actions.report_submit(actor=None, target=target, month=2, value="15")  # 75%: red
    assert list(Warning.objects.filter(target=target).order_by("id").values_list("level", flat=True)) == [
        Flag.YELLOW,
        Flag.RED,
    ]
    # No owner account and no target above: the officers of the district above are told.
    assert personas.district.pk in {n.user_id for n in outbox}
    assert set(User.objects.filter(pk__in=[n.user_id for n in outbox if n.user_id])) == {personas.district}
