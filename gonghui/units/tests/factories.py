"""Units and contracts made through the real actions (also used by the scope walk)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from gonghui.kernel.codes import credit_code_make
from gonghui.orgs.models import Level, Org
from gonghui.units import actions
from gonghui.units.models import CollectiveContract, ContractKind, Unit, UnitVersion

_serial = itertools.count(60_000_001)
SINCE = dt.date(2012, 1, 1)


def unit_code(division: str = "440105", serial: int | None = None) -> str:
    return credit_code_make("91", division, next(_serial) if serial is None else serial)


def wrong_check_digit(code: str) -> str:
    """The code with a check character that is certainly wrong."""
    return code[:-1] + ("1" if code[-1] == "0" else "0")


def make_unit(
    registered: Org,
    name: str,
    employees: int,
    *,
    covering: Org | None = None,
    on: dt.date = SINCE,
    actor: Any = None,
    **values: Any,
) -> Unit:
    values.setdefault("credit_code", unit_code(registered.division or "440105"))
    values.setdefault("industry", "03")
    values.setdefault("unit_type", "170")
    return actions.unit_create(
        actor=actor, registered_org=registered, covering_org=covering, on=on, name=name,
        employees=employees, **values,
    )  # fmt: skip


def make_contract(
    org: Org,
    units: list[Unit],
    *,
    kind: str = ContractKind.SINGLE,
    signed_on: dt.date = dt.date(2013, 1, 1),
    expires_on: dt.date = dt.date(2015, 12, 31),
    workers: int | None = None,
    **extra: Any,
) -> CollectiveContract:
    return actions.contract_create(
        actor=extra.pop("actor", None), org=org, kind=kind, title=extra.pop("title", f"{org.name}集体合同"),
        signed_on=signed_on, expires_on=expires_on,
        workers_covered=sum(u.employees for u in units) if workers is None else workers, units=units, **extra,
    )  # fmt: skip


# ------------------------------------------------------------------------- the scope walk
# Plain rows, without audit rows: the walk counts any audit row on an outsider as a breach.


def unit_in(org: Org) -> Unit:
    """One unit hanging from `org` (covered by it when it is a grassroots union)."""
    code = credit_code_make("91", "440105", 90_000_000 + org.pk)
    found = Unit.objects.filter(credit_code=code).first()
    if found is not None:
        return found
    covering = org if org.level == Level.GRASSROOTS else None
    unit = Unit.objects.create(
        credit_code=code, name=f"{org.name}辖区测试单位", industry="03", unit_type="170", employees=30,
        registered_org=org, covering_org=covering, org=org, status_since=SINCE,
    )  # fmt: skip
    UnitVersion.objects.create(
        unit=unit, org=org, registered_org=org, covering_org=covering, employees=30, status="active",
        valid_from=SINCE,
    )  # fmt: skip
    return unit


def contract_in(org: Org) -> CollectiveContract:
    unit = unit_in(org)
    found = CollectiveContract.objects.filter(org=org, units=unit).first()
    if found is not None:
        return found
    contract = CollectiveContract.objects.create(
        kind=ContractKind.SINGLE, title=f"{org.name}测试集体合同", org=org, signed_on=dt.date(2013, 1, 1),
        expires_on=dt.date(2015, 12, 31), workers_covered=30,
    )  # fmt: skip
    contract.units.add(unit)
    return contract


# The scope walk's URL arguments (gonghui/core/tests/test_scope_walk.py): a maker of each, in an org.
WALK = {
    "unit_id": unit_in,
    "contract_id": contract_in,
}
