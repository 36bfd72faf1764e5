"""Demo members: a few thousand across the demo federation's grassroots unions, loaded through
the real import (one audited import, a history row each), plus the demo member's own record, an
application waiting for approval and a transfer waiting for both unions.

Called by the demo loader after the org tree and personas exist: `members_demo_load()`.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from gonghui.accounts.models import User
from gonghui.kernel.codes import id_number_make
from gonghui.orgs.models import Level, Org

from .actions import member_apply, member_approve, member_link_user, transfer_request
from .importing import run_import
from .models import Member
from .testing import ledger_rows, write_xlsx

MEMBER_UNION = "广东九江酒厂有限公司工会"


def members_demo_load(
    *, count: int = 3000, seed: int = 20130321, progress: Callable[[str], None] = print
) -> int:
    """Returns the number of members loaded; does nothing when the demo already has members."""
    if Member.objects.exists():
        return 0
    province = Org.objects.filter(parent__isnull=True, name="广东省总工会").first()
    if province is None:
        raise RuntimeError("load the demo federation first (demo_load)")
    unions = list(
        Org.objects.filter(path__startswith=province.path, level=Level.GRASSROOTS, status="active")
        .order_by("path")
        .values_list("name", flat=True)[:600]
    )
    with tempfile.TemporaryDirectory(prefix="gonghui-demo-") as tmp:
        path = write_xlsx(Path(tmp) / "广东省总工会会员花名册.xlsx", ledger_rows(count, unions=unions, seed=seed),
                          title="广东省总工会会员花名册（演示数据）")  # fmt: skip
        result = run_import(actor=None, org=province, path=path, original_name=path.name, good_rows=True)
    progress(f"  {result.imported} 名会员")
    with transaction.atomic():
        _personas()
    return result.imported


def _personas() -> None:
    union = Org.objects.get(name=MEMBER_UNION)
    me = member_apply(actor=None, org=union, name="陈会员", id_number=id_number_make("440605", dt.date(1988, 8, 8), 15), phone="13800138000",
                      political_status="群众", education="大专", employer_name="广东九江酒厂有限公司",
                      on=dt.date(2012, 5, 1))  # fmt: skip
    member_approve(actor=None, member=me, on=dt.date(2012, 5, 10))
    user = User.objects.filter(username="member").first()
    if user is not None:
        member_link_user(actor=None, member=me, user=user)
    member_apply(actor=None, org=union, name="黄新人", id_number=id_number_make("440605", dt.date(1995, 2, 2), 22), phone="13900139000",
                 note="新入职员工申请入会")  # fmt: skip
    street_union = Org.objects.filter(name="赤岗街道联合工会").first()
    mover = (
        Member.objects.filter(org__name__startswith="广州市海珠区", status="active").first()
        or Member.objects.filter(status="active").exclude(org=union).first()
    )
    if mover is not None and street_union is not None and mover.org_id != street_union.pk:
        transfer_request(actor=None, member=mover, to_org=street_union, reason="工作调动（演示）")
