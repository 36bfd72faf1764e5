"""Test data of the core: jobs (the audit log is written by actions)."""

from typing import Any

from gonghui.core.models import Job


def job_in(org: Any) -> Job:
    return Job.objects.get_or_create(kind="scope.walk", org=org, defaults={"title": org.name})[0]


# The scope walk's URL arguments (gonghui/core/tests/test_scope_walk.py): a maker of each, in an org.
WALK = {
    "job_id": job_in,
}
