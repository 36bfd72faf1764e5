"""Rounds, nominations and honours made through the real actions (also used by the scope walk)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.honours import actions
from gonghui.honours.kinds import catalogue_ensure
from gonghui.honours.models import (
    Honour,
    HonourKind,
    Nomination,
    NominationFile,
    Objection,
    Quota,
    Round,
    Studio,
)
from gonghui.kernel import cleaning
from gonghui.orgs.models import Org


def kind(name: str = "市劳动模范") -> HonourKind:
    catalogue_ensure()
    return HonourKind.objects.get(org=None, name=name)


def make_round(
    org: Org, *, places: int = 5, actor: Any = None, kind_name: str = "市劳动模范", **extra: Any
) -> Round:
    values = {
        "title": f"{org.name}{cleaning.today().year}年劳动模范评选",
        "year": cleaning.today().year,
        "places": places,
        "nominate_until": cleaning.today() + dt.timedelta(days=30),
        "notice_days": 7,
        **extra,
    }
    return actions.round_open(actor=actor, org=org, kind=kind(kind_name), **values)


def nominate(round: Round, org: Org, name: str = "陈建华", *, actor: Any = None, submit: bool = True,
             **extra: Any) -> Nomination:  # fmt: skip
    values = {"name": name, "sex": "男", "unit": "广州某某机械有限公司", "job": "数控车工",
              "frontline": True, "deeds": "扎根一线二十年，带出徒弟三十余人。", **extra}  # fmt: skip
    nomination = actions.nomination_create(actor=actor, round=round, org=org, **values)
    if submit:
        nomination = actions.nomination_submit(actor=actor, nomination=nomination)
    return nomination


def climb(nomination: Nomination, *, actor: Any = None) -> Nomination:
    """Passed up by every union until it is selected by the union that opened the round."""
    while nomination.at_id != nomination.round.org_id:
        nomination = actions.nomination_recommend(actor=actor, nomination=nomination)
    return actions.nomination_select(actor=actor, nomination=nomination)


def end_notice(round: Round) -> Round:
    """As if the 公示 period had run its days."""
    Round.objects.filter(pk=round.pk).update(
        notice_from=cleaning.today() - dt.timedelta(days=10),
        notice_until=cleaning.today() - dt.timedelta(days=1),
    )
    round.refresh_from_db()
    return round


# ------------------------------------------------------------------------- the scope walk
# Plain rows, without audit rows: the walk counts any audit row on an outsider as a breach.


def round_in(org: Org) -> Round:
    return Round.objects.get_or_create(
        org=org, title="走查评选",
        defaults={"kind": kind(), "year": 2026, "places": 3, "nominate_until": dt.date(2100, 1, 1)},
    )[0]  # fmt: skip


def nomination_in(org: Org) -> Nomination:
    return Nomination.objects.get_or_create(
        round=round_in(org), org=org, name="走查对象",
        defaults={"unit": "走查单位", "deeds": "走查", "state": "notice"},
    )[0]  # fmt: skip


def quota_in(org: Org) -> Quota:
    return Quota.objects.get_or_create(round=round_in(org), org=org, defaults={"places": 1})[0]


def objection_in(org: Org) -> Objection:
    return Objection.objects.get_or_create(
        nomination=nomination_in(org), defaults={"received_on": dt.date(2026, 1, 1), "content": "走查"}
    )[0]


def honour_in(org: Org) -> Honour:
    k = kind()
    return Honour.objects.get_or_create(
        org=org, name="走查劳模",
        defaults={"kind": k, "title": k.name, "level": k.level, "category": k.category, "unit": "走查单位",
                  "awarded_on": dt.date(2020, 4, 28), "year": 2020, "awarding_body": k.awarding_body},
    )[0]  # fmt: skip


def studio_in(org: Org) -> Studio:
    return Studio.objects.get_or_create(
        org=org, name="走查工作室",
        defaults={"lead_name": "走查", "unit": "走查单位", "field": "机械", "level": "city",
                  "named_on": dt.date(2020, 1, 1)},
    )[0]  # fmt: skip


def attachment_in(org: Org) -> NominationFile:
    return NominationFile.objects.get_or_create(
        nomination=nomination_in(org), title="走查材料",
        defaults={"file": f"honours/walk/{org.pk}.pdf", "filename": "走查材料.pdf",
                  "content_type": "application/pdf"},
    )[0]  # fmt: skip


WALK = {
    "attachment_id": attachment_in,
    "round_id": round_in,
    "nomination_id": nomination_in,
    "quota_id": quota_in,
    "objection_id": objection_in,
    "honour_id": honour_in,
    "studio_id": studio_in,
}
