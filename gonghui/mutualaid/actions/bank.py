"""What the payouts and the collections do alike with the bank's files: the file sent (refused
while a union on it has no account; audited, since it holds the accounts in full) and the return
file read back (audited with what it settled)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Org

from .. import payfiles


class OnBank(Protocol):
    @property
    def org(self) -> Org: ...


T = TypeVar("T", bound=OnBank)


@dataclass(frozen=True)
class ReturnResult:
    paid: int
    failed: list[str]


def bank_file(
    *, actor: Any, org: Org, records: Sequence[T], amount: Callable[[T], Decimal], event: str,
    write: Callable[..., bytes], nothing: str, unregistered: str,
) -> tuple[bytes, int]:  # fmt: skip
    """The file `write` makes of `records` (each with its union as `.org`) for `org` to send, and
    how many lines it holds. Refused with `nothing` when there are none, with `unregistered`
    (naming them as %(unions)s) when a union on it has no account."""
    if not records:
        raise Refused(nothing)
    missing = payfiles.missing_accounts(r.org for r in records)
    if missing:
        raise Refused(unregistered % {"unions": "、".join(missing)})
    total = sum((amount(r) for r in records), Decimal("0.00"))
    audit(
        actor=actor, action=event, org=org,
        detail={"count": len(records), "total": str(total), "fields": ["bank_account"]},
    )  # fmt: skip
    return write(records, actor=actor, sender=org), len(records)


def bank_return(
    *, actor: Any, org: Org, event: str, data: bytes, filename: str, **settle: Any
) -> ReturnResult:
    """Settle the bank's return file (`payfiles.settle_return` with `settle`) and audit it."""
    paid, failed = payfiles.settle_return(data, filename=filename, **settle)
    audit(
        actor=actor, action=event, org=org,
        detail={"file": filename[:100], "paid": paid, "failed": len(failed)},
    )  # fmt: skip
    return ReturnResult(paid, failed)
