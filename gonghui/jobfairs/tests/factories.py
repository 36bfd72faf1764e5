"""Fairs, employers, positions and seekers made through the real actions (also used by the scope
walk, as plain rows)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from gonghui.jobfairs import actions
from gonghui.jobfairs.models import Employer, Fair, FairState, Position, ReviewState, Seeker
from gonghui.kernel import crypto
from gonghui.kernel.codes import credit_code_make
from gonghui.orgs.models import Org

_serial = itertools.count(60_000_001)
_phones = itertools.count(13_800_000_001)


def credit_code() -> str:
    return credit_code_make("91", "440105", next(_serial))


def phone() -> str:
    return str(next(_phones))


def today() -> dt.date:
    return timezone.localdate()


def make_fair(org: Org, *, actor: Any = None, publish: bool = True, **extra: Any) -> Fair:
    values = {"title": f"{org.name}春风行动招聘会", "held_on": today(), "place": "天河体育中心", "division": "440105",
              "booths": 120, **extra}  # fmt: skip
    fair = actions.fair_create(actor=actor, org=org, **values)
    if publish:
        fair = actions.fair_publish(actor=actor, fair=fair)
    return fair


def make_employer(fair: Fair, *, actor: Any = None, approve: bool = True, **extra: Any) -> Employer:
    values = {"credit_code": credit_code(), "name": "广州某电子有限公司", "industry": "03", **extra}
    employer = actions.employer_register(actor=actor, fair=fair, **values)
    if approve:
        employer = actions.employer_approve(actor=actor, employer=employer)
    return employer


def make_position(employer: Employer, *, actor: Any = None, approve: bool = True, **extra: Any) -> Position:
    values = {"title": "普工", "openings": 20, "pay_min": 4500, "pay_max": 6000, "skills": ["普工"], **extra}
    position = actions.position_post(actor=actor, employer=employer, **values)
    if approve:
        position = actions.position_approve(actor=actor, position=position)
    return position


def make_seeker(fair: Fair, *, actor: Any = None, walk_in: bool = True, **extra: Any) -> Seeker:
    """A seeker: registered at the desk (`walk_in`), or by `actor` on their own phone."""
    values = {"name": "黄志强", "phone": phone(), "industries": ["03"], "pay_min": 4000, "division": "440105",
              "skills": ["普工", "电子组装"], "migrant": True, **extra}  # fmt: skip
    return actions.seeker_register(actor=actor, fair=fair, walk_in=walk_in, **values)


# ------------------------------------------------------------------------- the scope walk
# Plain rows, without audit rows: the walk counts any audit row on an outsider as a breach.


def fair_in(org: Org) -> Fair:
    return Fair.objects.get_or_create(
        org=org,
        title="走查招聘会",
        defaults={"held_on": today(), "place": "走查地点", "state": FairState.OPEN},
    )[0]


def employer_in(org: Org) -> Employer:
    fair = fair_in(org)
    return Employer.objects.get_or_create(
        fair=fair, credit_code=credit_code_make("91", "440105", 99_000_000 + org.pk),
        defaults={"org": org, "name": "走查单位", "industry": "03", "state": ReviewState.APPROVED},
    )[0]  # fmt: skip


def position_in(org: Org) -> Position:
    employer = employer_in(org)
    return Position.objects.get_or_create(
        employer=employer, title="走查岗位",
        defaults={"fair": employer.fair, "org": org, "openings": 1, "pay_min": 1, "pay_max": 2, "industry": "03",
                  "division": "440105", "state": ReviewState.APPROVED},
    )[0]  # fmt: skip


def seeker_in(org: Org) -> Seeker:
    fair = fair_in(org)
    number = f"139{org.pk:08d}"[:11]
    return Seeker.objects.get_or_create(
        fair=fair, phone_bidx=crypto.blind_index(number, purpose=actions.PHONE_PURPOSE),
        defaults={"org": org, "name": "走查求职者", "phone": number},
    )[0]  # fmt: skip


WALK = {
    "fair_id": fair_in,
    "employer_id": employer_in,
    "position_id": position_in,
    "seeker_id": seeker_in,
}
