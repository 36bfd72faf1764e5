"""A real `manage.py worker` process that also knows one slow job kind, for the queue's tests
that stop or kill a worker half-way (`python -m gonghui.core.tests.slow_worker`).

`test.pay_slowly` checks its lines one by one (a pause each, with progress), then pays in one
transaction: the union's short name gets one more "付" per payment made, so a payment made twice
shows."""

from __future__ import annotations

import time
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat

from gonghui.kernel.registry import Module, Structure, unchanged

KIND = "test.pay_slowly"


def pay_slowly(job: Any, report: Any) -> dict[str, Any]:
    from gonghui.orgs.models import Org

    n = job.params["n"]
    for i in range(n):
        time.sleep(job.params.get("pause", 0.1))
        report(i + 1, n, f"核对第 {i + 1} / {n} 户")
    with transaction.atomic():
        Org.objects.filter(pk=job.org_id).update(short_name=Concat(F("short_name"), Value("付")))
        time.sleep(job.params.get("pause_after", 0))
    return {"paid": n}


MODULE = Module(
    name="test_slow_worker", title="测试", jobs={KIND: pay_slowly},
    structure=Structure(merged=unchanged, split=unchanged, relocated=unchanged, dissolved=unchanged),
)  # fmt: skip


if __name__ == "__main__":
    import django

    django.setup()
    from django.core.management import call_command

    from gonghui.kernel.registry import registry

    with registry.extra(MODULE):
        call_command("worker", interval=0.1)
