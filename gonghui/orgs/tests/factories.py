"""Test data of the organisation tree."""

from typing import Any

# The scope walk's URL arguments (gonghui/core/tests/test_scope_walk.py): a maker of each, in an org.
WALK: dict[str, Any] = {
    "org_id": lambda org: org.pk,
}
