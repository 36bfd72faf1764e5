"""公示: the list is published for the round's days; no honour before it ends; an objection holds
the nomination until it is answered; the awarding union confirms and the register holds it."""

from __future__ import annotations

import pytest

from gonghui.honours import actions
from gonghui.honours.models import Honour, NominationState, RoundState
from gonghui.honours.workdays import working_days_end
from gonghui.kernel import cleaning
from gonghui.kernel.errors import Refused

from ..factories import climb, end_notice, make_round, nominate


@pytest.fixture
def published(tree, personas):
    round = make_round(tree.guangzhou, places=3, notice_days=7)
    chosen = [climb(nominate(round, tree.grassroots, name)) for name in ("陈建华", "李秀英")]
    round = actions.round_publish(actor=personas.city, round=round)
    return round, chosen


def test_publishing_starts_the_notice_for_the_set_working_days(published):
    round, _ = published
    assert round.state == RoundState.NOTICE
    assert round.notice_from == cleaning.today()
    assert round.notice_until == working_days_end(cleaning.today(), 7)
    assert {n.state for n in round.nominations.all()} == {NominationState.NOTICE}


def test_no_publishing_while_nominations_wait_for_review(tree, personas):
    round = make_round(tree.guangzhou, places=3)
    climb(nominate(round, tree.grassroots, "陈建华"))
    nominate(round, tree.sibling_grassroots, "李秀英")
    with pytest.raises(Refused, match="尚有1份推荐在审核中"):
        actions.round_publish(actor=personas.city, round=round)


def test_no_honour_before_the_notice_ends(published, personas):
    round, _ = published
    with pytest.raises(Refused, match="公示期满后方可表彰"):
        actions.round_confer(actor=personas.city, round=round, doc_no="穗府〔2026〕12号")
    assert not Honour.objects.filter(round=round).exists()


def test_an_open_objection_holds_the_honour(published, personas):
    round, (chen, _) = published
    actions.objection_record(
        actor=personas.city, nomination=chen, content="反映其曾受过处分。", raised_by="匿名"
    )
    round = end_notice(round)
    with pytest.raises(Refused, match="尚有1件异议未答复"):
        actions.round_confer(actor=personas.city, round=round, doc_no="穗府〔2026〕12号")


def test_an_objection_found_true_takes_the_nomination_off_the_list(published, personas):
    round, (chen, _) = published
    objection = actions.objection_record(actor=personas.city, nomination=chen, content="反映其曾受过处分。")
    actions.objection_answer(
        actor=personas.city, objection=objection, answer="upheld", finding="经核查属实。"
    )
    chen.refresh_from_db()
    assert chen.state == NominationState.REVOKED
    round = actions.round_confer(actor=personas.city, round=end_notice(round), doc_no="穗府〔2026〕12号")
    assert list(Honour.objects.filter(round=round).values_list("name", flat=True)) == ["李秀英"]


def test_after_the_notice_the_awarding_union_confers_and_the_register_holds_it(published, personas, tree):
    round, (chen, _) = published
    objection = actions.objection_record(actor=personas.city, nomination=chen, content="反映其学历造假。")
    actions.objection_answer(
        actor=personas.city, objection=objection, answer="dismissed", finding="经核查不属实。"
    )
    round = actions.round_confer(actor=personas.city, round=end_notice(round), doc_no="穗府〔2026〕12号")
    assert round.state == RoundState.CLOSED
    honour = Honour.objects.get(name="陈建华")
    assert (honour.title, honour.level, honour.doc_no, honour.org) == ("市劳动模范", "city", "穗府〔2026〕12号",
                                                                       tree.grassroots)  # fmt: skip
    chen.refresh_from_db()
    assert (chen.state, chen.honour) == (NominationState.CONFERRED, honour)


def test_only_the_awarding_union_records_objections_and_confers(published, personas):
    from django.core.exceptions import PermissionDenied

    round, (chen, _) = published
    with pytest.raises(PermissionDenied):
        actions.objection_record(actor=personas.district, nomination=chen, content="反映问题")
    with pytest.raises(PermissionDenied):
        actions.round_confer(actor=personas.district, round=end_notice(round), doc_no="x")
