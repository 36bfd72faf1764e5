"""What happens to assistance records when the tree changes (module.py's `Structure`). Each
handler runs inside the transaction of the change; one that raises undoes the change."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from gonghui.kernel.audit import audit
from gonghui.orgs.models import Org

from ..models import Application, Batch, Fund, FundEntry, Household, Payment
from .applications import applications_reroute
from .funds import fund_credit, fund_debit


def _strays(qs: QuerySet[Application]) -> list[Application]:
    """Waiting applications whose approving union is no longer their union or one above it."""
    waiting = qs.filter(state=Application.State.SUBMITTED).select_related("org", "approver")
    return [a for a in waiting.order_by("id") if not a.org.path.startswith(a.approver.path)]


def fund_fold(*, actor: Any, fund: Fund, into: Org, why: str) -> tuple[Fund, Decimal]:
    """Move the whole balance of `fund` into `into`'s fund of the same year (made if it has
    none), with a 合并转出 entry on one ledger and a 合并转入 entry on the other; applications and
    batches that would take a refund from `fund` take it from the survivor's now."""
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    target, _ = Fund.objects.get_or_create(org=into, year=fund.year)
    amount = fund.balance
    if amount:
        fund_debit(actor=actor, fund=fund, amount=amount, kind=FundEntry.Kind.MERGE_OUT,
                   note=f"{why}：转入「{into.name}」{fund.year}年帮扶专项资金", other=target)  # fmt: skip
        fund_credit(actor=actor, fund=target, amount=amount, kind=FundEntry.Kind.MERGE_IN,
                    note=f"{why}：「{fund.org.name}」{fund.year}年帮扶专项资金转入", other=fund)  # fmt: skip
    Application.objects.filter(fund=fund).update(fund=target)
    Batch.objects.filter(fund=fund).update(fund=target)
    return target, amount


def assistance_follow_merge(*, source: Org, target: Org, actor: Any, on: Any, **_: Any) -> int:
    """`source` merged into `target` (same level; its sub-unions already hang under the target
    and took their own records along). What the source held, and where it goes:

    - households: the source's files go to the target; family members, attachments and the
      files' payments and applications hang on the file and go with it;
    - applications the source filed (`org`) go to the target; those the source was to decide,
      had approved or is to pay (`approver`) go to the target too, which is of the same level,
      takes over the source's fund and so its work; one still waiting whose approver is no
      longer above it (the source's own, waiting at the source's parent) is routed again;
    - funds: each year's fund of the source is folded into the target's fund of that year (made
      if it has none) with a 合并转出 entry on the source's ledger and a 合并转入 entry on the
      target's, so every balance still equals the sum of its ledger and the ledger says why;
    - fund entries stay on their own fund: a ledger is not rewritten. The source's funds stay
      with the source as history, at zero; refunds of its approvals and batches go to the
      target's fund, where their money now is;
    - batches of the source, and the payments the source made (batch lines and approved
      applications), go to the target: the report counts them under the survivor;
    - approval rules the source set stay with the source, as history: its former sub-unions now
      follow the target's rules (or those above it), and moving the source's rules would change
      the authority over the target's own sub-unions without anyone deciding it;
    - 低保 lines belong to an administrative division, not to a union: unchanged.

    One audit row (`assistance.follow_merge`, on the target) says how many of each moved."""
    now = timezone.now()
    moved = {
        "households": Household.objects.filter(org=source).update(org=target, updated_at=now),
        "applications": Application.objects.filter(org=source).update(org=target),
        "approving": Application.objects.filter(approver=source).update(approver=target),
        "batches": Batch.objects.filter(org=source).update(org=target),
        "payments": Payment.objects.filter(org=source).update(org=target),
    }
    why = f"「{source.name}」并入「{target.name}」"
    total = Decimal("0.00")
    funds = 0
    for fund in Fund.objects.filter(org=source).order_by("year"):
        _into, amount = fund_fold(actor=actor, fund=fund, into=target, why=why)
        total += amount
        funds += 1
    rerouted = applications_reroute(applications=_strays(Application.objects.filter(org=target)), reason=why)
    if not (any(moved.values()) or funds):
        return 0
    audit(actor=actor, action="assistance.follow_merge", obj=target, org=target,
          detail={"source": source.name, "source_id": source.pk, **moved, "funds": funds,
                  "amount": str(total), "rerouted": rerouted})  # fmt: skip
    return sum(moved.values())


def assistance_follow_relocation(*, org: Org, old_path: str, new_path: str, **_: Any) -> int:
    """A subtree hangs elsewhere now (a move, a merge, a split): its files, funds, batches and
    payments hang on their unions by id and go along. An application of the subtree still
    waiting at a union that is no longer above it goes to the union that approves it now;
    one already approved is finished by the union whose fund paid it."""
    return applications_reroute(
        applications=_strays(Application.objects.filter(org__path__startswith=new_path)),
        reason=f"「{org.name}」隶属关系调整",
    )


def assistance_follow_dissolution(*, org: Org, actor: Any, on: Any, **_: Any) -> int:
    """A dissolved union decides nothing more: applications waiting at it go to the union that
    approves them now (routing skips unions that no longer work). Its files, funds and past
    payments stay with it, as history the unions above still see and report; a fund's balance
    stays on its ledger, where the union above finds it (what becomes of it is that union's
    decision, not a side effect of the dissolution)."""
    waiting = list(Application.objects.filter(approver=org, state=Application.State.SUBMITTED))
    return applications_reroute(applications=waiting, reason=f"「{org.name}」已撤销")
