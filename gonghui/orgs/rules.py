"""The shape of the tree, as data: which level may stand under which."""

from __future__ import annotations

from .models import Kind, Level

ALLOWED_PARENTS: dict[str, frozenset[str]] = {
    Level.PROVINCE: frozenset(),
    Level.CITY: frozenset({Level.PROVINCE}),
    Level.INDUSTRY: frozenset({Level.PROVINCE, Level.CITY}),
    Level.COUNTY: frozenset({Level.CITY}),
    # 东莞 and 中山 have towns and streets directly under the city.
    Level.TOWN: frozenset({Level.COUNTY, Level.CITY}),
    Level.GRASSROOTS: frozenset({Level.PROVINCE, Level.CITY, Level.INDUSTRY, Level.COUNTY, Level.TOWN}),
    Level.GROUP: frozenset({Level.GRASSROOTS}),
}

KINDS_BY_LEVEL: dict[str, frozenset[str]] = {
    Level.PROVINCE: frozenset({Kind.FEDERATION}),
    Level.CITY: frozenset({Kind.FEDERATION}),
    Level.INDUSTRY: frozenset({Kind.INDUSTRY}),
    Level.COUNTY: frozenset({Kind.FEDERATION}),
    Level.TOWN: frozenset({Kind.FEDERATION}),
    Level.GRASSROOTS: frozenset({Kind.ENTERPRISE, Kind.JOINT, Kind.COMMUNITY, Kind.INSTITUTION}),
    Level.GROUP: frozenset({Kind.GROUP}),
}


def parent_allowed(*, child_level: str, parent_level: str | None) -> bool:
    allowed = ALLOWED_PARENTS[child_level]
    return (parent_level is None and not allowed) or parent_level in allowed
